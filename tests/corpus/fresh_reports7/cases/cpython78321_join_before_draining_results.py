# family: queue
# hazard: queue-join-deadlock
# line: 29
# timeout: 8
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: https://github.com/python/cpython/issues/78321 -- "possible deadlock when placing too many objects in Queue()": the workers put many result objects and the parent joined them before reading the queue; closed as documented behaviour (join after draining)
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
    for worker in workers:
        worker.join()
    items = []
    while not out_q.empty():
        items.append(out_q.get())
    return items


def main():
    items = run(CONFIG)
    expected = CONFIG["workers"] * CONFIG["objects_per_worker"]
    print(f"RESULT={len(items)}")
    sys.exit(0 if len(items) == expected else 3)


if __name__ == "__main__":
    main()
