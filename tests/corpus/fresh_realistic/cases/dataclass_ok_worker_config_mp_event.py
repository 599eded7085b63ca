# family: dataclass
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss to the lock-in-a-dataclass reports (cf. https://github.com/EnterpriseDB/barman/pull/1184: "removes the use of the threading.Lock() ... Instead multiprocessing.Lock() is used"): the worker config dataclass holds a multiprocessing.Event and a multiprocessing.Queue next to default_factory fields, and travels in Process(args=...); multiprocessing primitives may be passed to a Process under every start method.
"""A poller that runs until the parent sets its stop event."""
import multiprocessing
import time
from dataclasses import dataclass, field


@dataclass
class PollerConfig:
    name: str
    stop: object
    out: object
    interval: float = 0.05
    endpoints: list = field(default_factory=lambda: ["/health", "/ready"])
    counters: dict = field(default_factory=dict)


def poll(config):
    while not config.stop.is_set():
        for endpoint in config.endpoints:
            config.counters[endpoint] = config.counters.get(endpoint, 0) + 1
        time.sleep(config.interval)
    config.out.put((config.name, sorted(config.counters)))


def main():
    config = PollerConfig("edge-1", multiprocessing.Event(), multiprocessing.Queue())
    proc = multiprocessing.Process(target=poll, args=(config,))
    proc.start()
    time.sleep(0.3)
    config.stop.set()
    name, seen = config.out.get(timeout=10)
    proc.join(5)
    print("RESULT=%s" % [name, seen])


if __name__ == "__main__":
    main()
