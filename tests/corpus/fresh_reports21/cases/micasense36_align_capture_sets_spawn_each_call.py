# family: start_method
# hazard: set-start-method-twice
# line: r24kit/align_legacy.py:9 46
# files: r24kit/imageutils.py r24kit/align_legacy.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: https://github.com/micasense/imageprocessing/issues/36 -- "context already set" error at multiprocessing.set_start_method('spawn') in imageutils.align_capture: the library sets the start method inside the function, so aligning a second capture in the same program raises RuntimeError: context has already been set
import argparse
import sys
from dataclasses import dataclass

from r24kit.imageutils import Capture, demo_capture
from r24kit.align_legacy import align_capture


@dataclass
class FlightBatch:
    """The captures of one flight, aligned one after another as the tutorial notebook does."""
    name: str
    captures: list

    def total_shift(self, results):
        return sum(abs(s) for warps in results.values() for s in warps)


def load_batch(count):
    captures = []
    for k in range(count):
        shifts = [(k + i) % 3 + 1 for i in range(3)]
        captures.append(demo_capture(f"IMG_{k:04d}", shifts))
    return FlightBatch(name="flight-1", captures=captures)


def parse_args(argv):
    parser = argparse.ArgumentParser(description="align all captures of a flight")
    parser.add_argument("--captures", type=int, default=2)
    parser.add_argument("--max-shift", type=int, default=4)
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    batch = load_batch(args.captures)
    results = {}
    for capture in batch.captures:
        print(f"aligning {capture.name} ({len(capture.bands)} bands)")
        warps = align_capture(capture, max_shift=args.max_shift)
        results[capture.name] = warps
    print(f"RESULT={batch.total_shift(results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
