# family: controlflow
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of controlflow_join_loop_then_get_loop: the same producers, but the parent drains the queue (batches of readings, until one sentinel per producer) before the join loop. Modelled on https://github.com/n8n-io/n8n/pull/19084 (fix for join-before-drain: read the queue before process.join).
"""Generate synthetic sensor readings in parallel and collect them."""
import multiprocessing

PRODUCERS = 2
READINGS_PER_PRODUCER = 50_000
BATCH = 5_000


def produce(sensor_id, count, queue):
    batch = []
    for i in range(count):
        batch.append((sensor_id, i, (sensor_id * 31 + i) % 97))
        if len(batch) == BATCH:
            queue.put(batch)
            batch = []
    if batch:
        queue.put(batch)
    queue.put(None)


def main():
    queue = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=produce, args=(s, READINGS_PER_PRODUCER, queue))
             for s in range(PRODUCERS)]
    for proc in procs:
        proc.start()
    readings, finished = [], 0
    while finished < PRODUCERS:
        batch = queue.get(timeout=10)
        if batch is None:
            finished += 1
        else:
            readings.extend(batch)
    for proc in procs:
        proc.join()
    print(len(readings), max(r[2] for r in readings))


if __name__ == "__main__":
    main()
