"""A metrics service whose constructor starts its collector process."""
import multiprocessing


def _collect(port, queue):
    queue.put("collector on port %d" % port)


class MetricsService:
    def __init__(self, port):
        self.queue = multiprocessing.Queue()
        self.process = multiprocessing.Process(target=_collect, args=(port, self.queue))
        self.process.start()

    def status(self):
        return self.queue.get(timeout=10)

    def stop(self):
        self.process.join(timeout=10)
