# family: start_method
# hazard: none
# line: none
# files: r24kit/imageutils.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/micasense/imageprocessing/issues/36 -- the maintainer's answer to "context already set" in align_capture: set_start_method('spawn') may be called only once per program, so catch the expected RuntimeError (try: set_start_method('spawn') except RuntimeError: pass) and every later capture reuses the method already set
import argparse
import multiprocessing
import sys
from dataclasses import dataclass

from r24kit.imageutils import align_band, demo_capture


def align_capture(capture, max_shift=4, processes=2):
    """Align every band of the capture to the reference band, in a process pool."""
    try:
        multiprocessing.set_start_method("spawn")
    except RuntimeError:
        pass
    warps = {}
    with multiprocessing.Pool(processes=processes) as pool:
        for band_index, shift in pool.imap_unordered(align_band, capture.alignment_pairs(max_shift)):
            warps[band_index] = shift
    return [warps[i] for i in sorted(warps)]


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
