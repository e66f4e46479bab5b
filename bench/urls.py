"""The project's URLs plus two minimal views: the fastest Django and DRF can answer."""

from django.http import HttpResponse
from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from memorial.urls import handler500  # noqa: F401
from memorial.urls import urlpatterns as project_urlpatterns


def hello(request):
    return HttpResponse("Hello, world\n", content_type="text/plain")


class HelloAPI(APIView):
    throttle_classes: list = []

    def get(self, request):
        return Response({"message": "Hello, world"})


urlpatterns = [
    path("bench/hello/", hello),
    path("bench/hello-api/", HelloAPI.as_view()),
    *project_urlpatterns,
]
