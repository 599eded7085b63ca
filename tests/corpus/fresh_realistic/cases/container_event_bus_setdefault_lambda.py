# family: container
# hazard: unpicklable-callable
# line: 29 30 41
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/NVIDIA/garak/pull/860 ("some probes will fail to pickle ... due to garak._config containing a lambda that is evaluated at import time", observed on macOS): an in-process event bus keeps subscribers in a dict of lists filled with setdefault(); one default subscriber is a lambda. publish() runs every subscriber in its own Process, so spawn/forkserver fail to pickle the lambda target; fork inherits it.
"""A tiny event bus that isolates every subscriber in its own process."""
import multiprocessing


def send_receipt(event, payload, out):
    out.put((event, "receipt", payload["id"]))


def update_stock(event, payload, out):
    out.put((event, "stock", payload["id"]))


class EventBus:
    def __init__(self):
        self.handlers = {}
        self.out = multiprocessing.Queue()

    def subscribe(self, event, handler):
        self.handlers.setdefault(event, []).append(handler)

    def publish(self, event, payload):
        procs = []
        for handler in self.handlers.get(event, []):
            proc = multiprocessing.Process(target=handler, args=(event, payload, self.out))
            proc.start()
            procs.append(proc)
        replies = sorted(self.out.get(timeout=10) for _ in procs)
        for proc in procs:
            proc.join(5)
        return replies


def register_defaults(bus):
    bus.subscribe("order.created", send_receipt)
    bus.subscribe("order.created", update_stock)
    bus.subscribe("order.created", lambda event, payload, out: out.put((event, "audit", payload["id"])))


if __name__ == "__main__":
    bus = EventBus()
    register_defaults(bus)
    replies = bus.publish("order.created", {"id": 1042, "total": 19.9})
    print("RESULT=%s" % [kind for _, kind, _ in replies])
