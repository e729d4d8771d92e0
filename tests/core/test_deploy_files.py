"""The deployment files, exercised as far as this machine can run them (Docker cannot run here).

Each command in ``docker-compose.yml`` and the ``Dockerfile`` is handed to the program that
will run it: gunicorn checks its configuration and loads the application with the compose
environment, Celery's command line parses the worker's and beat's options, the production
settings load from the compose environment and point at the compose services.
"""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SECRET = "compose-check-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOP"


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _interpolate(value: str, given: dict[str, str]) -> str:
    """Compose's ``${VAR}``, ``${VAR:-default}`` and ``${VAR:?error}`` with ``given`` as .env."""

    def one(m: re.Match) -> str:
        name, op, arg = m.group(1), m.group(2), m.group(3)
        if given.get(name):
            return given[name]
        if op == ":?":
            raise AssertionError(f"compose refuses to start without {name}: {arg}")
        return arg or ""

    return re.sub(r"\$\{(\w+)(?:(:[-?])([^}]*))?\}", one, value)


def _app_env(service: str, **given: str) -> dict[str, str]:
    env = _compose()["services"][service]["environment"]
    return {k: _interpolate(str(v), given) for k, v in env.items()}


def _run_in(env: dict[str, str], *args: str, timeout: int = 60) -> subprocess.CompletedProcess:
    full = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **env}
    return subprocess.run(
        args, cwd=ROOT, env=full, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_compose_refuses_to_start_without_a_secret_key():
    with pytest.raises(AssertionError, match="SECRET_KEY"):
        _app_env("web")
    assert _app_env("web", SECRET_KEY=SECRET)["SECRET_KEY"] == SECRET


def test_the_production_settings_load_from_the_compose_environment(tmp_path):
    env = _app_env("web", SECRET_KEY=SECRET) | {"PRIVATE_MEDIA_ROOT": str(tmp_path)}
    code = (
        "import django, json; django.setup(); from django.conf import settings as s;"
        "d = s.DATABASES['default'];"
        "print(json.dumps([d['ENGINE'], d['HOST'], int(d['PORT']), s.CELERY_BROKER_URL,"
        " s.DEBUG, s.ALLOWED_HOSTS]))"
    )
    done = _run_in(env, sys.executable, "-c", code)
    assert done.returncode == 0, done.stderr
    engine, host, port, broker, debug, hosts = yaml.safe_load(done.stdout.strip().splitlines()[-1])
    services = _compose()["services"]
    assert engine.endswith("postgresql") and host == "db" and port == 5432 and "db" in services
    assert broker.startswith("redis://redis:6379") and "redis" in services
    assert debug is False and hosts == ["localhost"]


def test_the_production_settings_pass_the_deploy_checks_with_the_compose_environment(tmp_path):
    env = _app_env("web", SECRET_KEY=SECRET, ALLOWED_HOSTS="adviesraad.example.org")
    env["PRIVATE_MEDIA_ROOT"] = str(tmp_path)
    done = _run_in(env, sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr


def _gunicorn_args(command: str) -> list[str]:
    words = shlex.split(command)
    return words[words.index("gunicorn") + 1 :]


def _gunicorn_check(args: list[str], tmp_path) -> None:
    env = _app_env("web", SECRET_KEY=SECRET) | {"PRIVATE_MEDIA_ROOT": str(tmp_path)}
    done = _run_in(env, str(Path(sys.executable).with_name("gunicorn")), "--check-config", *args)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_web_command_is_a_valid_gunicorn_configuration_that_loads_the_app(tmp_path):
    command = _compose()["services"]["web"]["command"]
    inner = shlex.split(command)[-1]  # sh -c "migrate && gunicorn ..."
    migrate, gunicorn = inner.split("&&")
    assert shlex.split(migrate) == ["python", "manage.py", "migrate", "--noinput"]
    args = _gunicorn_args(gunicorn)
    _gunicorn_check(args, tmp_path)
    # gunicorn trusts forwarded headers from the proxy alone, the same address the app trusts
    proxy_ip = _compose()["services"]["proxy"]["networks"]["internal"]["ipv4_address"]
    assert args[args.index("--forwarded-allow-ips") + 1] == proxy_ip
    assert _app_env("web", SECRET_KEY=SECRET)["TRUSTED_PROXIES"] == proxy_ip


def test_the_dockerfile_command_is_a_valid_gunicorn_configuration(tmp_path):
    (cmd,) = re.findall(r"^CMD (\[.*\])$", (ROOT / "Dockerfile").read_text(), re.M)
    words = yaml.safe_load(cmd)
    assert words[0] == "gunicorn"
    _gunicorn_check(words[1:], tmp_path)


@pytest.mark.parametrize("service", ["worker", "beat"])
def test_the_celery_commands_parse_with_celerys_own_command_line(service):
    from celery.bin.base import CLIContext
    from celery.bin.celery import celery as celery_cli

    from adviesraad.celery import app

    words = shlex.split(_compose()["services"][service]["command"])
    assert words[:3] == ["celery", "-A", "adviesraad"]
    sub = celery_cli.commands[words[3]]
    obj = CLIContext(app=app, no_color=True, workdir=None, quiet=True)
    ctx = sub.make_context(words[3], words[4:], obj=obj)
    assert ctx.params["loglevel"] == 20  # INFO; unknown options or bad values raise before this


def test_the_healthchecks_ask_what_the_app_answers():
    from django.urls import resolve

    test = _compose()["services"]["web"]["healthcheck"]["test"]
    url = next(w for w in test if w.startswith("http://"))
    path = "/" + url.split("/", 3)[3]
    assert resolve(path).func.__module__ == "adviesraad.health"


def test_the_dockerfile_installs_the_locked_requirements_with_their_hashes():
    text = (ROOT / "Dockerfile").read_text()
    (path,) = re.findall(r"--require-hashes -r (\S+)", text)
    pins = [line for line in (ROOT / path).read_text().splitlines() if re.match(r"^[a-z0-9]", line)]
    assert pins and all("==" in line for line in pins)


def test_env_example_documents_every_variable_the_settings_read():
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    read = set()
    for path in (ROOT / "adviesraad/settings").glob("*.py"):
        read |= set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', path.read_text()))
    read -= {
        "AXES_ENABLED",
        "CELERY_TASK_ALWAYS_EAGER",
        "TEST_MEDIA_ROOT",
        "CELERY_TASK_DEFAULT_QUEUE",
        "CELERY_BEAT_EVERY_SECONDS",
        "TEST_EMAIL_BACKEND",
        "TEST_EMAIL_FILE_PATH",
    }  # test-only
    assert read <= documented, read - documented


def test_only_the_proxy_is_published():
    services = _compose()["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in services["proxy"]["volumes"]


def test_the_proxy_limits_request_bodies_to_the_apps_upload_limit():
    from django.conf import settings

    caddyfile = (ROOT / "Caddyfile").read_text()
    assert "request_body {" in caddyfile and "max_size {$REQUEST_MAX_SIZE}" in caddyfile
    assert "reverse_proxy web:8000" in caddyfile
    size = _compose()["services"]["proxy"]["environment"]["REQUEST_MAX_SIZE"]
    assert size.endswith("MiB")  # Caddy's MB would be 10**6 bytes
    assert int(size[:-3]) * 1024 * 1024 == settings.UPLOAD_REQUEST_MAX_BYTES


def test_redis_keeps_the_queue_across_restarts():
    redis = _compose()["services"]["redis"]
    assert "--appendonly yes" in redis["command"]
    assert "redis_data:/data" in redis["volumes"]
