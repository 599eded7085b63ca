# family: globals
# hazard: global-set-in-parent
# line: 29 38 r25kit/hexagon.py:17
# files: r25kit/hexagon.py
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: https://github.com/google/binja-hexagon/pull/12 -- "On macOS using ProcessPoolExecutor for some reason caused behdict to be empty": the generator fills the module's behaviour dictionary in the parent and maps the per-instruction generation over a ProcessPoolExecutor; spawned workers re-import the module and see the empty table
"""Generate lifter sources for every Hexagon instruction tag (a build-step CLI)."""
import argparse
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
        return ProcessPoolExecutor(max_workers=self.config.jobs)

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
