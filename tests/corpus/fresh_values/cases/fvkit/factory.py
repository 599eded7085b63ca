"""Start a small echo service in another process (the shape of rpyc.utils.factory.connect_multiprocess)."""
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


def connect_multiprocess(service, prefix="echo"):
    """Run `service` in a child process and return a handle that talks to it."""
    requests = multiprocessing.Queue()
    replies = multiprocessing.Queue()

    def server():
        while True:
            item = requests.get()
            if item is None:
                break
            replies.put(service(prefix, item))

    proc = multiprocessing.Process(target=server)
    proc.start()
    return ServiceHandle(proc, requests, replies)
