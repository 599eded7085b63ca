# family: globals
# hazard: none
# line: none
# files: r25kit/hexagon.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/google/binja-hexagon/pull/12 -- the fix proposed in the PR's review ("Passing an mp_context=mp.get_context("fork") to the ProcessPoolExecutor fixes this issue"): the executor forks its workers, which inherit the filled behaviour table, whatever the platform default
"""Generate lifter sources for every Hexagon instruction tag (a build-step CLI)."""
import argparse
import multiprocessing as mp
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from r25kit import hexagon


@dataclass
class GeneratorConfig:
    jobs: int = 2
    out_prefix: str = "lift_"
    tags: list = field(default_factory=list)


class LifterGenerator:
    def __init__(self, config):
        self.config = config
        self.generated = {}

    def prepare(self):
        count = hexagon.load_semantics(hexagon.SEMANTICS)
        self.config.tags = sorted(hexagon.BEHDICT)
        return count

    def executor(self):
        return ProcessPoolExecutor(max_workers=self.config.jobs, mp_context=mp.get_context("fork"))

    def generate(self):
        with self.executor() as pool:
            for tag, source in pool.map(hexagon.gen_lifter, self.config.tags):
                if source is not None:
                    self.generated[tag] = source
        return len(self.generated)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    gen = LifterGenerator(GeneratorConfig(jobs=args.jobs))
    expected = gen.prepare()
    produced = gen.generate()
    print(f"RESULT={produced}")
    return 0 if produced == expected else 3


if __name__ == "__main__":
    sys.exit(main())
