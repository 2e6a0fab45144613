"""docker-compose.yml runs every service the settings it gives the workbench need."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HOST_ENV = {"SECRET_KEY": "compose-test-key-" + "q7W3e" * 10}


def interpolate(value: str, host_env: dict) -> str:
    """Compose's own substitution: ${VAR}, ${VAR:-default}, ${VAR:?error}, $$."""

    def substitute(match: re.Match) -> str:
        name, operator, argument = match.group(1), match.group(2), match.group(3)
        if host_env.get(name):
            return host_env[name]
        if operator == ":?":
            raise AssertionError(f"compose would stop: {argument}")
        return argument or ""

    value = re.sub(r"\$\{(\w+)(?:(:-|:\?)((?:[^{}]|\$\([^)]*\))*))?\}", substitute, value)
    return value.replace("$$", "$")


def services(host_env: dict) -> dict:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    for service in compose["services"].values():
        service["environment"] = {
            name: interpolate(str(value), host_env)
            for name, value in (service.get("environment") or {}).items()
        }
    return compose["services"]


def settings_of(environment: dict) -> dict:
    """What the workbench's settings make of a service's environment."""
    code = (
        "from django.conf import settings as s; import json; print(json.dumps({"
        "'database': s.DATABASES['default'].get('HOST'), 'cache': s.CACHE_URL, "
        "'tasks': s.TASKS['default']['BACKEND'], "
        "'redis': s.TASKS['default'].get('OPTIONS', {}).get('REDIS_URL')}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "DEBUG"))}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT, env={**clean, **environment}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def worker_command(service: dict, environment: dict, tmp_path: Path) -> list[str]:
    """The manage.py command the service's entry point runs, through a stand-in python."""
    python = tmp_path / "python"
    python.write_text('#!/bin/sh\necho "$@"\n')
    python.chmod(0o755)
    command = [interpolate(part, {}) for part in service["command"]]
    result = subprocess.run(
        command,
        env={"PATH": f"{tmp_path}:/usr/bin:/bin", **environment},
        capture_output=True, text=True, timeout=10,
    )  # fmt: skip
    return result.stdout.split()


@pytest.mark.parametrize(("backend", "worker"), [("database", "db_worker"), ("rq", "rq_worker")])
def test_every_service_the_settings_need_is_in_the_compose_file(backend, worker, tmp_path):
    host_env = {**HOST_ENV, "TASKS_BACKEND": backend}
    every = services(host_env)
    web = every["web"]
    needed = settings_of(web["environment"])
    assert needed["tasks"].endswith("RQBackend" if backend == "rq" else "DatabaseBackend")

    assert needed["database"] in every
    assert urlsplit(needed["cache"]).hostname in every
    if backend == "rq":
        assert urlsplit(needed["redis"]).hostname in every

    workers = [
        service
        for name, service in every.items()
        if name != "web" and service.get("image") == web["image"]
    ]
    assert workers, "no service runs the workbench's image beside the web server"
    commands = [worker_command(s, s["environment"], tmp_path) for s in workers]
    assert ["manage.py", worker] in commands
    assert all(s["environment"] == web["environment"] for s in workers)
    assert all("web" in s.get("depends_on", {}) for s in workers)


def test_the_compose_file_stops_without_a_secret_key():
    with pytest.raises(AssertionError, match="set SECRET_KEY"):
        services({})
