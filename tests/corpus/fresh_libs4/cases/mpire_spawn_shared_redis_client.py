# family: args
# hazard: unpicklable-argument
# line: 18
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 15
# note: redis-py #1931 (https://github.com/redis/redis-py/issues/1931): "a redis client created in a parent can also be used in a child" fails once children are spawned; an mpire WorkerPool with start_method="spawn" gets the redis.Redis client as shared_objects, which must then be pickled.
import redis
from mpire import WorkerPool


def tag(client, doc_id):
    kwargs = client.connection_pool.connection_kwargs
    return f"{kwargs['host']}/{doc_id}"


def main():
    client = redis.Redis(host="localhost", port=6379, db=9)
    with WorkerPool(n_jobs=2, start_method="spawn", shared_objects=client) as pool:
        tags = pool.map(tag, [1, 2, 3])
    print("RESULT=" + ",".join(tags))


if __name__ == "__main__":
    main()
