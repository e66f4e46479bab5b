"""Start and stop real app servers (gunicorn, production settings) on 127.0.0.1, and make the
PostgreSQL databases they use, and an S3-compatible server. Shared by the benchmarks and the
multi-process tests."""

from __future__ import annotations

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent


def served_environment(database_url: str, redis_url: str = "", **extra: str) -> dict[str, str]:
    """The environment of a production-like process: DEBUG off, a fresh random SECRET_KEY
    unless one is given, plain HTTP on 127.0.0.1."""
    env = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> str:
    """Run ``manage.py`` in a process of its own; return its output, raise if it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


class Server:
    """One gunicorn process group serving the project on 127.0.0.1:port."""

    def __init__(self, port: int, env: dict[str, str], workers: int = 1, log: Path | None = None):
        self.port, self.env, self.workers, self.log = port, env, workers, log
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self, timeout: float = 60) -> None:
        output = open(self.log, "w") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "memorial.wsgi:application",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={self.workers}",
                "--timeout=60",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn on port {self.port} exited; see {self.log}")
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn on port {self.port} did not answer in {timeout} s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def get(self, path: str, headers: dict[str, str] | None = None):
        """GET ``path``; return (status, headers as a dict with lower-case names, body)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            body = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        finally:
            connection.close()


def free_port() -> int:
    """A TCP port nothing listens on now, so that benchmarks run side by side do not meet."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(base_url: str, name: str) -> str:
    """``base_url`` with its database name replaced by ``name``."""
    parts = urlsplit(base_url)
    return urlunsplit(parts._replace(path="/" + name))


def admin_connection(base_url: str) -> psycopg.Connection:
    """An autocommit connection to the server's maintenance database."""
    return psycopg.connect(database_url(base_url, "postgres"), autocommit=True)


def create_database(base_url: str, name: str, template: str | None = None) -> str:
    with admin_connection(base_url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        connection.execute(statement)
    return database_url(base_url, name)


def database_exists(base_url: str, name: str) -> bool:
    with admin_connection(base_url) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        return found.fetchone() is not None


def drop_database(base_url: str, name: str) -> None:
    with admin_connection(base_url) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


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
