"""Helpers for tests that start real app processes (see bench/serving.py)."""

import http.client
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from bench.serving import free_port, manage


def run_python(env, code: str) -> str:
    """Run ``code`` in ``manage.py shell``: a process of its own, as an editor's or a cron
    job's change would be. Returns what it printed."""
    return manage(env, "shell", "-c", code).strip()


def published_person(env) -> tuple[int, str]:
    """A new public person, published from another process: its id and family name."""
    name = f"Cachetest{uuid.uuid4().hex[:6]}"
    code = "from tests.factories import DocumentedPersonFactory as F\n"
    code += f"print(F(family_name={name!r}).pk)"
    return int(run_python(env, code).splitlines()[-1]), name


def http_get(url: str) -> tuple[int, bytes]:
    """GET an http:// ``url`` as a visitor would, with no credentials: its status and body."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@contextmanager
def s3_server(log: Path):
    """An S3-compatible server of the test's own (moto's, from PyPI) on a free port of
    127.0.0.1, keeping everything in its memory: yields its address."""
    port = free_port()
    address = f"http://127.0.0.1:{port}"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        for _ in range(150):
            try:
                http_get(f"{address}/moto-api/")
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"moto's server exited; see {log}") from None
                time.sleep(0.2)
        else:
            raise RuntimeError(f"moto's server did not answer; see {log}")
        yield address
    finally:
        process.terminate()
        process.wait(timeout=15)
