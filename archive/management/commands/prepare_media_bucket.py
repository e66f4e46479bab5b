import json

from botocore.exceptions import ClientError
from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from storages.backends.s3 import S3Storage

from memorial.media import PUBLIC_PREFIXES, public_read_policy


class Command(BaseCommand):
    help = (
        "Create the media bucket (MEDIA_S3_BUCKET) if it does not exist, and give it the policy "
        "that lets anyone read images and renditions, and nothing else (documents and waiting "
        "import files stay private). Run once when setting up, and again after an upgrade."
    )

    def handle(self, *args, **options):
        storage = storages["default"]
        if not isinstance(storage, S3Storage):
            raise CommandError("MEDIA_S3_BUCKET is not set: media are kept in MEDIA_ROOT.")
        client, bucket = storage.connection.meta.client, storage.bucket_name
        try:
            client.head_bucket(Bucket=bucket)
        except ClientError:
            region = client.meta.region_name
            location = {"LocationConstraint": region} if region != "us-east-1" else None
            client.create_bucket(
                Bucket=bucket, **({"CreateBucketConfiguration": location} if location else {})
            )
            self.stdout.write(f"Created the bucket {bucket}.")
        try:
            client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(public_read_policy(bucket)))
        except ClientError as error:
            raise CommandError(
                f"The bucket's policy could not be set ({error}). On AWS, allow public bucket "
                "policies in the bucket's Block Public Access settings."
            ) from error
        self.stdout.write(
            f"Anyone may read {', '.join(PUBLIC_PREFIXES)} in {bucket}, at {settings.MEDIA_URL}; "
            "nothing else in it."
        )
