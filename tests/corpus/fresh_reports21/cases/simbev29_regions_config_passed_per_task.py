# family: globals
# hazard: none
# line: none
# files: r24kit/simbev_model.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/rl-institut/simbev/issues/29 -- the fix ("Restructuring the main script this way seems to have solved the problem"): the configuration is read in main() and every pool task receives the region, its cars and the configuration as arguments instead of reading globals assigned under the guard
import argparse
import multiprocessing
import sys
from dataclasses import dataclass, field

from r24kit.simbev_model import DEFAULT_INI, REGIONS, SimConfig, simulate_region


def run_region(task):
    """One pool task: simulate a region with the configuration it was given."""
    region, cars, cfg = task
    return simulate_region(region, cars, cfg)


@dataclass
class SimbevRun:
    scenario: str
    num_threads: int
    results: dict = field(default_factory=dict)

    def summary(self):
        return round(sum(self.results.values()), 1)


def parse_args(argv):
    parser = argparse.ArgumentParser(description="SimBEV: simulate charging demand per region")
    parser.add_argument("scenario", nargs="?", default="default_single")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--days", type=int, default=None)
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    cfg = SimConfig.from_ini(DEFAULT_INI)
    if args.days:
        cfg = SimConfig(args.days, cfg.step_minutes, cfg.charging_kw, cfg.seed)
    region_cars = dict(REGIONS)
    run = SimbevRun(args.scenario, args.threads)
    tasks = [(name, region_cars[name], cfg) for name in sorted(region_cars)]
    with multiprocessing.Pool(run.num_threads) as pool:
        for name, kwh in pool.imap(run_region, tasks):
            run.results[name] = kwh
    print(f"RESULT={run.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
