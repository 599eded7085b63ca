"""A key-value cache on top of redis-py (the client is created, never connected)."""
import redis


class RedisCache:
    def __init__(self, host="localhost", port=6379, namespace="docs"):
        self.namespace = namespace
        self._client = redis.Redis(host=host, port=port, db=0)

    def key_for(self, doc_id):
        return f"{self.namespace}:{doc_id}"


class SafeRedisCache(RedisCache):
    """Drops the client when pickled and makes a new one on first use in the child."""

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_client"] = None
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)


def make_cache(config):
    return RedisCache(host=config.get("host", "localhost"), namespace=config["namespace"])
