"""The shared cache (``CACHE_URL``): Django's Redis backend, keeping its Redis client.

Django's ``RedisCache`` builds a new ``redis.Redis`` client for every cache call, over the
same connection pool. Building one fills in a table of about 250 reply handlers, which costs
more than a round trip to a local Redis, and a page makes several cache calls. This backend
keeps one client per connection pool and otherwise behaves exactly as Django's. Django gives
each thread its own backend object, so that is one client per thread (per gunicorn sync
worker, one per process); a client would be safe to share anyway, since each command
borrows a connection from the pool.
"""

from django.core.cache.backends import redis


class _ReusingClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusingClient
