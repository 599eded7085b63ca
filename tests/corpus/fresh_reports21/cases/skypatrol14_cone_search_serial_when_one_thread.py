# family: daemon
# hazard: none
# line: none
# files: r24kit/lightcurves.py r24kit/skypatrol_client_serial.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/asas-sn/skypatrol/issues/14 -- the change the report asks for ("a separate code path, not involving multiprocessing, was used there when threads=1"): with threads=1 _get_curves downloads serially, so cone_search works inside the pool worker
import argparse
import multiprocessing
import sys
from dataclasses import dataclass

from r24kit.lightcurves import Target
from r24kit.skypatrol_client_serial import SkyPatrolClient


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
