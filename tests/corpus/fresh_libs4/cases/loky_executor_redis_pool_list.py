# family: args
# hazard: unpicklable-argument
# line: 19
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: redis-py #606 (https://github.com/redis/redis-py/issues/606): a list repeating one redis ConnectionPool is mapped over a process executor (here loky's reusable executor, the same map API); the pool holds a threading lock and cannot be pickled under any start method.
import redis
from loky import get_reusable_executor


def some_func(pool):
    kwargs = pool.connection_kwargs
    return f"{kwargs['host']}:{kwargs['port']}"


def main():
    redis_pool = redis.ConnectionPool(host="localhost", port=6379, db=0)
    redis_list = [redis_pool for _ in range(4)]
    executor = get_reusable_executor(max_workers=2)
    hosts = list(executor.map(some_func, redis_list))
    print("RESULT=" + ",".join(sorted(set(hosts))))


if __name__ == "__main__":
    main()
