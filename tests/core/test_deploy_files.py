"""The deployment files are checked for structure: Docker cannot run on this machine."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_all_services_with_images_or_build():
    services = _compose()["services"]
    assert set(services) == {"web", "worker", "beat", "db", "redis"}
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
        assert "healthcheck" in service, name
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    assert set(compose["volumes"]) == {"postgres_data", "redis_data", "private_media"}
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
    }  # test-only
    assert read <= documented, read - documented
