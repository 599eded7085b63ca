"""Start a small echo service in another process; the loop is a module-level function bound with partial."""
import functools
import multiprocessing


class ServiceHandle:
    def __init__(self, process, requests, replies):
        self.process = process
        self.requests = requests
        self.replies = replies

    def call(self, value):
        self.requests.put(value)
        return self.replies.get(timeout=10)

    def close(self):
        self.requests.put(None)
        self.process.join()


def _serve(service, prefix, requests, replies):
    while True:
        item = requests.get()
        if item is None:
            break
        replies.put(service(prefix, item))


def connect_multiprocess(service, prefix="echo"):
    """Run `service` in a child process and return a handle that talks to it."""
    requests = multiprocessing.Queue()
    replies = multiprocessing.Queue()
    proc = multiprocessing.Process(target=functools.partial(_serve, service, prefix, requests, replies))
    proc.start()
    return ServiceHandle(proc, requests, replies)
