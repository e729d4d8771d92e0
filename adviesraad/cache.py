"""The Redis cache backend, reusing its client.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` object for every cache
operation. With redis-py 5+ that constructor copies the whole table of response callbacks,
about 90 µs of CPU per operation on this machine (measured with redis-py 8): as much as the
rest of a cache round trip. The client object is thread-safe and only wraps the
connection pool, so one per pool is enough (measured in ``docs/performance.md``).
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(
                connection_pool=self._get_connection_pool(write)
            )
        return client


class RedisCache(DjangoRedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with one client per connection pool."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
