# family: object
# hazard: unpicklable-argument
# line: 39
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: The service object is plain after __init__, but a later enable_thread_safety() method stores a threading.Lock on it before it is passed to a child Process; only fork can carry it. Modelled on https://github.com/aboul3la/Sublist3r/pull/242 (a lock member of the engine object broke Process pickling: "cannot pickle '_thread.lock'").
"""Poll a set of (simulated) endpoints from a child process."""
import multiprocessing
import threading


class PollingService:
    def __init__(self, name, endpoints):
        self.name = name
        self.endpoints = list(endpoints)
        self.interval = 0.0

    def enable_thread_safety(self):
        """Called by the CLI when the optional watchdog thread is active."""
        self._lock = threading.Lock()
        return self

    def poll_once(self):
        lock = getattr(self, "_lock", None)
        if lock is not None:
            with lock:
                return {ep: len(ep) % 3 == 0 for ep in self.endpoints}
        return {ep: len(ep) % 3 == 0 for ep in self.endpoints}


def run_service(service, results):
    results.put((service.name, service.poll_once()))


def main(watchdog=True):
    service = PollingService("edge", ["api", "cdn", "auth", "search"])
    if watchdog:
        service.enable_thread_safety()
    results = multiprocessing.Queue()
    proc = multiprocessing.Process(target=run_service, args=(service, results))
    proc.start()
    name, status = results.get(timeout=10)
    proc.join()
    print(name, sorted(status.items()))


if __name__ == "__main__":
    main()
