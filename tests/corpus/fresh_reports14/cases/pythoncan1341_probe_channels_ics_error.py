# family: exceptions
# hazard: exception-not-unpicklable
# line: r14kit/neovi.py:39 51
# files: r14kit/can_errors.py r14kit/neovi.py
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: https://github.com/hardbyte/python-can/pull/1341 -- "Fix TypeError when trying to un-pickle ICSApiError. TypeError: __init__() missing 4 required positional arguments: 'description_short', 'description_long', 'severity', and 'restart_needed'": the neoVI error passes only its message and code to Exception.__init__, so a worker that raises it sends back an exception the parent cannot rebuild
"""Probe every configured neoVI channel in a worker process and report which devices answer.

A device that is unplugged raises ICSInitializationError in its worker; the inventory should list
it as offline and go on."""
import argparse
import sys
from concurrent.futures import ProcessPoolExecutor

from r14kit.can_errors import CanError, ChannelSpec
from r14kit.neovi import NeoViBus

CHANNELS = [
    ChannelSpec("V10233", 1, frames=[0x100, 0x101, 0x7E8]),
    ChannelSpec("V20417", 1),
    ChannelSpec("V30551", 2, frames=[0x18F, 0x200]),
]


def probe(spec: ChannelSpec) -> dict:
    bus = NeoViBus(spec)
    try:
        ids = bus.recv_all()
    finally:
        bus.shutdown()
    return {"serial": spec.serial, "channel": spec.channel, "frames": len(ids)}


class Inventory:
    def __init__(self, channels, workers: int = 2):
        self.channels = list(channels)
        self.workers = workers
        self.online = []
        self.offline = []

    def record(self, spec, future):
        try:
            report = future.result(timeout=30)
        except CanError as err:
            self.offline.append((spec.serial, str(err)))
        else:
            self.online.append(report)

    def run(self):
        with ProcessPoolExecutor(max_workers=self.workers) as pool:
            futures = [(spec, pool.submit(probe, spec)) for spec in self.channels]
            for spec, future in futures:
                self.record(spec, future)
        return self


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="can-inventory")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    inv = Inventory(CHANNELS, workers=args.workers).run()
    for serial, why in inv.offline:
        print(f"offline {serial}: {why}")
    print(f"RESULT=online={len(inv.online)},offline={len(inv.offline)}")
    return 0 if (len(inv.online), len(inv.offline)) == (2, 1) else 3


if __name__ == "__main__":
    sys.exit(main())
