"""Helpers for tests that start real app processes (see bench/serving.py)."""

import uuid

from bench.serving import manage


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
