# family: globals
# hazard: global-set-under-guard
# line: 17 18 47
# files: r24kit/simbev_model.py
# expect: fork=ok spawn=error:NameError forkserver=error:NameError
# note: https://github.com/rl-institut/simbev/issues/29 -- "MP doesn't work on win machines": main_simbev.py reads its configuration under if __name__ == '__main__' and the pool workers use it as module globals; "windows does not use fork(). Any variable that was set under if __name__ == '__main__' is not accessible for each process in the pool"
import argparse
import multiprocessing
import sys
from dataclasses import dataclass, field

from r24kit.simbev_model import DEFAULT_INI, REGIONS, SimConfig, simulate_region


def run_region(region):
    """One pool task: simulate a region with the run's configuration."""
    cars = region_cars[region]
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


if __name__ == "__main__":
    args = parse_args(sys.argv[1:])
    cfg = SimConfig.from_ini(DEFAULT_INI)
    if args.days:
        cfg = SimConfig(args.days, cfg.step_minutes, cfg.charging_kw, cfg.seed)
    region_cars = dict(REGIONS)
    run = SimbevRun(args.scenario, args.threads)
    with multiprocessing.Pool(run.num_threads) as pool:
        for name, kwh in pool.imap(run_region, sorted(region_cars)):
            run.results[name] = kwh
    print(f"RESULT={run.summary()}")
