# family: controlflow
# hazard: queue-join-deadlock
# line: 26
# timeout: 10
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: Producers are started in one loop, joined in the next, and the queue is drained only in a third loop; each child puts 50k records, cannot exit until its feeder thread flushes them into the pipe, and the parent is stuck in join(). Modelled on https://github.com/python/cpython/issues/91594 (q.put in a loop, parent joins: "getting stuck after the last iteration").
"""Generate synthetic sensor readings in parallel and collect them."""
import multiprocessing

PRODUCERS = 2
READINGS_PER_PRODUCER = 50_000


def produce(sensor_id, count, queue):
    for i in range(count):
        queue.put((sensor_id, i, (sensor_id * 31 + i) % 97))


def main():
    queue = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=produce, args=(s, READINGS_PER_PRODUCER, queue))
             for s in range(PRODUCERS)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    readings = []
    for _ in range(PRODUCERS * READINGS_PER_PRODUCER):
        readings.append(queue.get())
    print(len(readings), max(r[2] for r in readings))


if __name__ == "__main__":
    main()
