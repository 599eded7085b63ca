# family: queue
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/log2timeline/plaso/issues/399 -- what the reporter found in the multiprocessing docs: get everything off the queue before joining; each worker ends with a sentinel, and the foreman reads until it has seen one per worker, then joins
import multiprocessing as mp
import sys


def _extraction_worker(worker_id, sources, event_queue):
    for source in sources:
        for offset in range(400):
            event_queue.put({"source": source, "offset": offset, "worker": worker_id,
                             "data": f"{source}:{offset:06d}".ljust(96, ".")})
    event_queue.put(None)


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

    def collect(self):
        events, finished = [], 0
        while finished < self.number_of_workers:
            event = self.event_queue.get()
            if event is None:
                finished += 1
            else:
                events.append(event)
        return events

    def wait_for_workers(self):
        for process in self.processes:
            process.join()


if __name__ == "__main__":
    sources = [f"image{i}.raw" for i in range(6)]
    foreman = Foreman()
    foreman.start(sources)
    events = foreman.collect()
    foreman.wait_for_workers()
    print(f"RESULT={len(events)}")
    if len(events) != 2400:
        sys.exit(3)
