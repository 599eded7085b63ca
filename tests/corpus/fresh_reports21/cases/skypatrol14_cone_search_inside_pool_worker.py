# family: daemon
# hazard: daemon-children
# line: r24kit/skypatrol_client.py:12 25 43
# files: r24kit/lightcurves.py r24kit/skypatrol_client.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: https://github.com/asas-sn/skypatrol/issues/14 -- "Downloading light curves crashes if run inside multiprocessing environment": cone_search(..., download=True, threads=1) called from a multiprocessing.Pool worker (first met inside Celery) fails with "AssertionError: daemonic processes are not allowed to have children", because _get_curves() creates another multiprocessing.Pool even when threads=1
import argparse
import multiprocessing
import sys
from dataclasses import dataclass

from r24kit.lightcurves import Target
from r24kit.skypatrol_client import SkyPatrolClient


@dataclass
class Observation:
    target: str
    stars: int
    epochs: int


def fn(target):
    client = SkyPatrolClient()
    lcs = client.cone_search(target, download=True, threads=1)
    return Observation(target.name, len(lcs), sum(lcs.values()))


def parse_args(argv):
    parser = argparse.ArgumentParser(description="download the light curves around each target")
    parser.add_argument("--radius-arcsec", type=float, default=10.0)
    parser.add_argument("--processes", type=int, default=1)
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    targets = [
        Target("SN-a", 296.02191444, 23.44665476, args.radius_arcsec / 3600),
        Target("SN-b", 296.0, 23.44, args.radius_arcsec / 3600),
    ]
    with multiprocessing.Pool(processes=args.processes) as pool:
        observations = pool.map(fn, targets)
    print(f"RESULT={sum(o.epochs for o in observations)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
