# family: start_method
# hazard: set-start-method-twice
# line: r25kit/streamer_legacy.py:6 29
# files: r25kit/streamer_legacy.py r25kit/flowmeter.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: https://github.com/nfstream/nfstream/issues/74 -- "RuntimeError: context has already been set": nfstream's streamer.py called mp.set_start_method("fork") at import (line 32), so an application that imports NFStreamer and then sets the start method itself in its main block fails
"""Summarise captured flows per host pair; the application picks its own start method."""
import argparse
import multiprocessing as mp
import sys

from r25kit.flowmeter import synthetic_packets
from r25kit.streamer_legacy import NFStreamer


class FlowReport:
    def __init__(self, packets):
        self.streamer = NFStreamer(packets)

    def build(self):
        rows = self.streamer.to_summary()
        return sum(r[2] for r in rows), len(rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--packets", type=int, default=12)
    args = parser.parse_args(argv)
    mp.set_start_method("fork")
    packets, flows = FlowReport(synthetic_packets(args.packets)).build()
    print(f"RESULT=packets={packets} flows={flows}")
    return 0 if (packets, flows) == (args.packets, 3) else 3


if __name__ == "__main__":
    sys.exit(main())
