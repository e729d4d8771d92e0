"""adviesraad.memo: values a process keeps, bounded and for a limited time."""

import pytest
from django.core.cache import cache

from adviesraad import memo


def test_process_lru_keeps_a_value_for_page_cache_seconds(settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 10
    kept = memo.ProcessLRU(maxsize=4)
    calls = []
    now = memo.time.monotonic()
    monkeypatch.setattr(memo.time, "monotonic", lambda: now)
    assert kept.get_or_set("k", lambda: calls.append(1) or "first") == "first"
    assert kept.get_or_set("k", lambda: calls.append(1) or "second") == "first"
    monkeypatch.setattr(memo.time, "monotonic", lambda: now + 11)
    assert kept.get_or_set("k", lambda: calls.append(1) or "third") == "third"
    assert len(calls) == 2


def test_process_lru_is_bounded_and_off_without_page_cache_seconds(settings):
    settings.PAGE_CACHE_SECONDS = 10
    kept = memo.ProcessLRU(maxsize=3)
    for n in range(10):
        kept.get_or_set(n, lambda n=n: n)
    assert len(kept) == 3
    settings.PAGE_CACHE_SECONDS = 0
    kept.clear()
    assert kept.get_or_set("x", lambda: 1) == 1 and kept.get_or_set("x", lambda: 2) == 2
    assert len(kept) == 0


def test_process_lru_keeps_nothing_when_computing_fails(settings):
    settings.PAGE_CACHE_SECONDS = 10
    kept = memo.ProcessLRU(maxsize=3)

    def fail():
        raise LookupError

    with pytest.raises(LookupError):
        kept.get_or_set("missing", fail)
    assert len(kept) == 0


@pytest.mark.django_db
def test_a_public_version_starts_anew_after_a_flush(django_capture_on_commit_callbacks):
    version = memo.PublicVersion("test:public:version")
    first = version.get()
    with django_capture_on_commit_callbacks(execute=True):
        version.bump()
    assert version.get() == first + 1
    cache.clear()
    version.forget()
    assert version.get() not in (first, first + 1)
