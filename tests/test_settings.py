"""Production settings refuse unsafe configuration and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 20 + "-production-test-key-with-enough-entropy-0123456789"


def run_manage(*args, **env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "memorial.settings.production", **env}
    environment.pop("DEBUG", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=GOOD_KEY)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_the_development_key():
    result = run_manage("check", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_public_address_on_this_machine():
    result = run_manage("check", SECRET_KEY=GOOD_KEY, PUBLIC_BASE_URL="http://localhost:8000")
    assert result.returncode != 0
    assert "PUBLIC_BASE_URL" in result.stderr
    accepted = run_manage("check", SECRET_KEY=GOOD_KEY, PUBLIC_BASE_URL="https://memorial.org")
    assert accepted.returncode == 0, accepted.stderr


def test_production_refuses_debug():
    result = run_manage("check", SECRET_KEY=GOOD_KEY, DEBUG="true")
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_production_refuses_to_start_serving_without_collected_static_files(tmp_path):
    result = run_python_as_a_server(
        "import memorial.wsgi", SECRET_KEY=GOOD_KEY, STATIC_ROOT=str(tmp_path)
    )
    assert result.returncode != 0
    assert "Static files are not collected" in result.stderr
    assert "collectstatic" in result.stderr


def run_python_as_a_server(code: str, **env):
    """``code`` run as a server process would start: a fresh interpreter, production settings."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "memorial.settings.production", **env}
    environment.pop("DEBUG", None)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
