# family: queue
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/python/cpython/issues/78321 -- the answer in the thread: read everything the workers put (here, a known count) before joining them
import multiprocessing
import sys

CONFIG = {"workers": 2, "objects_per_worker": 4000, "payload": "x" * 16}


def produce(worker_id, count, payload, out_q):
    for i in range(count):
        out_q.put({"worker": worker_id, "seq": i, "payload": payload})


def run(config):
    out_q = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(
            target=produce, args=(w, config["objects_per_worker"], config["payload"], out_q)
        )
        for w in range(config["workers"])
    ]
    for worker in workers:
        worker.start()
    expected = config["workers"] * config["objects_per_worker"]
    items = [out_q.get() for _ in range(expected)]
    for worker in workers:
        worker.join()
    return items


def main():
    items = run(CONFIG)
    expected = CONFIG["workers"] * CONFIG["objects_per_worker"]
    print(f"RESULT={len(items)}")
    sys.exit(0 if len(items) == expected else 3)


if __name__ == "__main__":
    main()
