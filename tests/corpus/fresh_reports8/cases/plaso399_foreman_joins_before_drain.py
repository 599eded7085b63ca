# family: queue
# hazard: queue-join-deadlock
# line: 33
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# timeout: 8
# note: https://github.com/log2timeline/plaso/issues/399 -- "Process completes but does not exit (leaving stranded workers)": the extraction workers put their events on a multiprocessing Queue and the foreman joined them before taking everything off the queue, so workers whose feeder threads still held events never exited
import multiprocessing as mp
import sys


def _extraction_worker(worker_id, sources, event_queue):
    for source in sources:
        for offset in range(400):
            event_queue.put({"source": source, "offset": offset, "worker": worker_id,
                             "data": f"{source}:{offset:06d}".ljust(96, ".")})


class Foreman:
    def __init__(self, number_of_workers=3):
        self.number_of_workers = number_of_workers
        self.event_queue = mp.Queue()
        self.processes = []

    def start(self, sources):
        for worker_id in range(self.number_of_workers):
            chunk = sources[worker_id::self.number_of_workers]
            process = mp.Process(target=_extraction_worker, args=(worker_id, chunk, self.event_queue))
            process.start()
            self.processes.append(process)

    def wait_for_workers(self):
        for process in self.processes:
            process.join()

    def collect(self, expected):
        return [self.event_queue.get() for _ in range(expected)]


if __name__ == "__main__":
    sources = [f"image{i}.raw" for i in range(6)]
    foreman = Foreman()
    foreman.start(sources)
    foreman.wait_for_workers()
    events = foreman.collect(len(sources) * 400)
    print(f"RESULT={len(events)}")
    if len(events) != 2400:
        sys.exit(3)
