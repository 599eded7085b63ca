# family: conditions
# hazard: unpicklable-callable
# line: 40 41
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/kurokobo/virtualbmc-for-vsphere/pull/3 ("Newer versions of Python (3.8+) on macOS default multiprocessing to utilize the 'spawn' method, which results in a 'Cannot be pickled' error"): the fork context is only taken when a config flag asks for it, and the flag defaults to off, so the default context pickles the nested handler; spawn/forkserver fail with "Can't pickle local object 'build_handler.<locals>.handle'".
"""Re-index search shards in parallel.

The service config decides whether workers fork (fast, shares the loaded
vocabulary) or use the platform default.
"""
import multiprocessing

DEFAULT_CONFIG = {
    "shards": [0, 1, 2],
    "vocabulary": ["alpha", "beta", "gamma", "delta"],
    "use_fork": False,
}


def worker_context(config):
    if config.get("use_fork"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def build_handler(vocabulary):
    lookup = {word: i for i, word in enumerate(vocabulary)}

    def handle(shard, results):
        results.put((shard, sum(lookup.values()) + shard))
    return handle


def reindex(config):
    ctx = worker_context(config)
    results = ctx.Queue()
    handler = build_handler(config["vocabulary"])
    procs = []
    for shard in config["shards"]:
        proc = ctx.Process(target=handler, args=(shard, results), name=f"shard-{shard}")
        proc.start()
        procs.append(proc)
    done = sorted(results.get(timeout=10) for _ in procs)
    for proc in procs:
        proc.join(5)
    return done


if __name__ == "__main__":
    print("RESULT=%s" % reindex(dict(DEFAULT_CONFIG)))
