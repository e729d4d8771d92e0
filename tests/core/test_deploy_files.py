"""The deployment files are checked for structure: Docker cannot run on this machine."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_all_services_with_images_or_build():
    services = _compose()["services"]
    assert set(services) == {"proxy", "web", "worker", "beat", "db", "redis"}
    for name in ("web", "worker", "beat"):
        assert services[name]["build"] == "."
    assert services["db"]["image"] == "postgres:16"
    assert services["redis"]["image"] == "redis:7"


def test_compose_app_services_get_database_and_redis_and_wait_for_them():
    services = _compose()["services"]
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"].startswith("redis://redis:6379")
        assert env["DJANGO_SETTINGS_MODULE"] == "adviesraad.settings.production"
        assert services[name]["depends_on"] == {
            "db": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
        }


def test_compose_commands_volumes_and_healthchecks():
    compose = _compose()
    services = compose["services"]
    assert "gunicorn adviesraad.wsgi:application" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A adviesraad worker")
    assert services["beat"]["command"].startswith("celery -A adviesraad beat")
    for name, service in services.items():
        if name != "proxy":  # Caddy's image has no health probe; it depends on web
            assert "healthcheck" in service, name
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    assert set(compose["volumes"]) == {
        "postgres_data",
        "redis_data",
        "private_media",
        "caddy_data",
        "caddy_config",
    }
    assert "postgres_data:/var/lib/postgresql/data" in services["db"]["volumes"]


def test_dockerfile_installs_locked_requirements_and_runs_gunicorn():
    text = (ROOT / "Dockerfile").read_text()
    assert "--require-hashes -r requirements/base.txt" in text
    assert "collectstatic" in text and "fonts-dejavu-core" in text
    assert 'CMD ["gunicorn", "adviesraad.wsgi:application"' in text


def test_env_example_documents_every_variable_the_settings_read():
    import re

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


def test_only_the_proxy_is_published_and_gunicorn_trusts_only_the_proxy():
    services = _compose()["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    proxy_ip = services["proxy"]["networks"]["internal"]["ipv4_address"]
    web = services["web"]
    assert f"--forwarded-allow-ips {proxy_ip}" in " ".join(web["command"].split())
    assert web["environment"]["TRUSTED_PROXIES"] == proxy_ip
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
