"""Entry point of a tracker worker started as `python -m r23kit.tracker_worker` (no multiprocessing)."""
import argparse
import os
import sys
import time


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["process", "system"])
    parser.add_argument("--interval", type=float, default=0.05)
    parser.add_argument("--output-file", required=True)
    parser.add_argument("--stop-file", required=True)
    args = parser.parse_args(argv)
    samples = 0
    while not os.path.exists(args.stop_file):
        samples += 1
        time.sleep(args.interval)
    with open(args.output_file, "w") as fh:
        fh.write(str(samples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
