# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: redis-py #1931 (https://github.com/redis/redis-py/issues/1931), the case that works: with mpire's default start method (fork, chosen by mpire whatever multiprocessing's default is) the redis.Redis client given as shared_objects is inherited, not pickled.
import redis
from mpire import WorkerPool


def tag(client, doc_id):
    kwargs = client.connection_pool.connection_kwargs
    return f"{kwargs['host']}/{doc_id}"


def main():
    client = redis.Redis(host="localhost", port=6379, db=9)
    with WorkerPool(n_jobs=2, shared_objects=client) as pool:
        tags = pool.map(tag, [1, 2, 3])
    print("RESULT=" + ",".join(tags))


if __name__ == "__main__":
    main()
