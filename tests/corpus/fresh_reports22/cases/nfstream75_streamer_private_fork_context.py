# family: start_method
# hazard: none
# line: none
# files: r25kit/streamer.py r25kit/flowmeter.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/nfstream/nfstream/pull/75 -- the fix for issue 74, "Replace set_start_method() with mp.get_context()": the streamer keeps a private fork context (self._mp_context) and makes its Queue and Process from it, so the application may still call set_start_method once
"""Summarise captured flows per host pair; the application picks its own start method."""
import argparse
import multiprocessing as mp
import sys

from r25kit.flowmeter import synthetic_packets
from r25kit.streamer import NFStreamer


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
