"""A Redis cache that degrades: when Redis cannot be reached, pages are still served.

The cache only makes the site faster (Wagtail's site root paths and renditions, template
fragments) and counts public posts (`home.abuse.RateLimit`). Losing Redis must cost
neither a page nor a long wait, so `DegradingRedisCache` (Django's `RedisCache`, which
production selects when CACHE_URL is `redis://` or `rediss://`):

- gives up on a command after a short socket timeout (CACHE_SOCKET_TIMEOUT), with no
  retry: redis-py's retries back off for up to ten seconds;
- skips what fails: a read finds nothing (`get` gives the default, `get_many` {},
  `has_key` and `add` False), a write does nothing, `incr` finds no counter (ValueError,
  as for a missing key);
- logs an outage once, when it starts, and once more when the server answers again, with
  no key or value (keys hold hashed client data);
- after a failure, does not try the server again for CACHE_DOWN_PAUSE seconds (a circuit
  breaker), so that a black-holed Redis costs one timeout every few seconds, not one per
  request.

A caller that must tell "the cache is down" from "nothing is there" (a rate limit cannot
count without it) uses `strict(cache)`: the same cache, except that failing raises
`CacheUnavailable`.
"""

import logging
import threading
import time
from functools import partial

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)

# Defaults for a cache configured without them (the settings pass their own).
SOCKET_TIMEOUT = 0.25
DOWN_PAUSE = 5.0


class CacheUnavailable(Exception):
    """The cache server could not be reached: nothing was read or written."""


class Breaker:
    """Whether to try a cache server, and the log lines of its outages.

    One per server list and process, shared by the threads' cache instances (Django makes
    one per thread): an outage is logged once, however many threads see it.
    """

    def __init__(self, pause):
        self.pause = pause
        self.down = False
        self.retry_at = 0.0
        self._lock = threading.Lock()

    def allows(self):
        return time.monotonic() >= self.retry_at

    def failed(self, error):
        with self._lock:
            self.retry_at = time.monotonic() + self.pause
            if self.down:
                return
            self.down = True
        logger.error(
            "Cache unreachable (%s: %s); skipping it, trying again every %g s",
            type(error).__name__,
            error,
            self.pause,
        )

    def succeeded(self):
        if not self.down:
            return
        with self._lock:
            if not self.down:
                return
            self.down = False
        logger.warning("Cache reachable again")


class ReusingClient(RedisCacheClient):
    """Django's client makes a new `redis.Redis` for every command, and redis-py builds its
    table of reply callbacks afresh each time: about 0.1 ms of CPU per cache read, a
    tenth of a page's CPU at the fifteen reads of a post. One `redis.Redis` per connection
    pool serves every command instead (it holds no connection of its own; the pool does)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(servers, pause):
    with _breakers_lock:
        return _breakers.setdefault((tuple(servers), pause), Breaker(pause))


class DegradingRedisCache(RedisCache):
    """Django's RedisCache, with failures skipped and logged once (see the module).

    OPTIONS take redis-py's connection options, plus `down_pause` (seconds to leave the
    server alone after a failure). The socket timeouts default to SOCKET_TIMEOUT, and
    commands are never retried.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        pause = float(options.pop("down_pause", DOWN_PAUSE))
        options.setdefault("socket_timeout", SOCKET_TIMEOUT)
        options.setdefault("socket_connect_timeout", options["socket_timeout"])
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusingClient
        self.breaker = breaker_for(self._servers, pause)

    @property
    def strict(self):
        return StrictCache(self)

    def attempt(self, operation, *args, **kwargs):
        """Run RedisCache's `operation`; raise CacheUnavailable if the server does not
        answer, or at once, without trying, while the breaker holds off."""
        if not self.breaker.allows():
            raise CacheUnavailable("the cache failed moments ago")
        try:
            result = operation(self, *args, **kwargs)
        except (RedisError, OSError) as error:
            self.breaker.failed(error)
            raise CacheUnavailable(type(error).__name__) from error
        self.breaker.succeeded()
        return result

    def degrade(self, fallback, operation, *args, **kwargs):
        try:
            return self.attempt(operation, *args, **kwargs)
        except CacheUnavailable:
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.degrade(False, RedisCache.add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self.degrade(default, RedisCache.get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.degrade(None, RedisCache.set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.degrade(False, RedisCache.touch, key, timeout, version)

    def delete(self, key, version=None):
        return self.degrade(False, RedisCache.delete, key, version)

    def get_many(self, keys, version=None):
        return self.degrade({}, RedisCache.get_many, keys, version)

    def has_key(self, key, version=None):
        return self.degrade(False, RedisCache.has_key, key, version)

    def incr(self, key, delta=1, version=None):
        try:
            return self.attempt(RedisCache.incr, key, delta, version)
        except CacheUnavailable as error:
            raise ValueError(f"Key '{key}' not found: the cache is unreachable.") from error

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be stored.
        return self.degrade(list(data), RedisCache.set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self.degrade(None, RedisCache.delete_many, keys, version)

    def clear(self):
        return self.degrade(False, RedisCache.clear)


class StrictCache:
    """A DegradingRedisCache whose operations raise CacheUnavailable instead of being
    skipped. Only the operations that talk to Redis once are offered (not `get_or_set`,
    `decr`..., which Django builds from the degrading ones)."""

    OPERATIONS = frozenset(
        {"add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many"}
    )

    def __init__(self, backend):
        self._backend = backend

    def __getattr__(self, name):
        if name not in self.OPERATIONS:
            raise AttributeError(name)
        return partial(self._backend.attempt, getattr(RedisCache, name))


def strict(cache):
    """`cache`, raising CacheUnavailable when it cannot be reached instead of skipping.

    Other backends (LocMemCache in development and tests) are returned as they are: they
    have no server to lose. (`django.core.cache.cache` is a proxy to the backend of the
    thread: hence an attribute, not isinstance.)
    """
    return getattr(cache, "strict", cache)
