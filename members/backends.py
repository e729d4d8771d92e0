"""Authentication backend that remembers a person's permissions between requests.

Every internal page checks permissions (navigation, buttons, views), and Django's
``ModelBackend`` loads them with two joined queries per request. They change only when roles
change, so they are cached under a version that ``members.receivers`` raises whenever a
person's groups or a group's permissions change (admin, services, factories alike).
"""

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

VERSION_KEY = "perms-version"
TTL = 300


def permissions_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY) or 1
    return version


def permissions_changed() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


class CachedPermissionsBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            key = f"perms:{permissions_version()}:{user_obj.pk}"
            perms = cache.get(key)
            if perms is None:
                perms = super().get_all_permissions(user_obj)
                cache.set(key, perms, TTL)
            user_obj._perm_cache = perms
        return user_obj._perm_cache
