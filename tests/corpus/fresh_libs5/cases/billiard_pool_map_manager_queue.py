# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/celery/billiard/pull/131 -- what works without dill: a queue from billiard's Manager is a proxy that pickles, so the same billiard Pool tasks can carry it.
import billiard


def drain_into(results, item):
    results.put(item)
    return item * 2


def run(items):
    with billiard.Manager() as manager:
        results = manager.Queue()
        pool = billiard.Pool(2)
        try:
            doubled = pool.starmap(drain_into, [(results, item) for item in items])
        finally:
            pool.close()
            pool.join()
        seen = sorted(results.get(timeout=10) for _ in items)
    return doubled, seen


if __name__ == "__main__":
    doubled, seen = run([1, 2, 3])
    print("RESULT=%d:%s" % (sum(doubled), seen))
