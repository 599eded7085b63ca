# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: redis-py #1029 (https://github.com/redis/redis-py/issues/1029) is the pickle error of a worker holding redis.Redis; through multiprocess (dill) a bound method of an l4kit.cache.RedisCache-holding indexer pickles, because dill recreates the client's threading locks.
import multiprocess as mp

from l4kit.cache import make_cache


class Indexer:
    def __init__(self, config):
        self.cache = make_cache(config)

    def key(self, doc_id):
        return self.cache.key_for(doc_id)


if __name__ == "__main__":
    indexer = Indexer({"namespace": "docs", "host": "localhost"})
    with mp.Pool(2) as pool:
        keys = pool.map(indexer.key, [1, 2, 3])
    print("RESULT=" + ",".join(keys))
