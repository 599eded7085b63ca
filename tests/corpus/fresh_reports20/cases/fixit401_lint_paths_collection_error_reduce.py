# family: exceptions
# hazard: none
# line: none
# files: r24kit/errors.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Instagram/Fixit/pull/401 -- the fix: CollectionError gets a __reduce__ that returns the message and the rule, so the error raised in the lint worker is rebuilt in the parent and reported instead of breaking the process pool
import argparse
import concurrent.futures
from dataclasses import dataclass, field

from r24kit.errors import CollectionError

KNOWN_RULES = {"NoStaticIfCondition", "UseFstring", "CompareSingletonPrimitivesByIs"}


@dataclass
class LintConfig:
    enable: list = field(default_factory=list)
    jobs: int = 2


def collect_rules(config):
    rules = []
    for name in config.enable:
        if name not in KNOWN_RULES:
            raise CollectionError("could not import rule %r" % name, name)
        rules.append(name)
    return rules


def lint_path(path, config):
    rules = collect_rules(config)
    return path, ["%s:%s" % (path, r) for r in rules]


class Linter:
    def __init__(self, config):
        self.config = config
        self.reports = {}

    def lint_paths(self, paths):
        with concurrent.futures.ProcessPoolExecutor(self.config.jobs) as pool:
            futures = [pool.submit(lint_path, p, self.config) for p in paths]
            for fut in concurrent.futures.as_completed(futures):
                try:
                    path, report = fut.result()
                except CollectionError as exc:
                    self.reports["<config>"] = ["error: %s (%s)" % (exc, exc.rule)]
                    continue
                self.reports[path] = report
        return self.reports


def main(argv=None):
    parser = argparse.ArgumentParser(prog="fixit")
    parser.add_argument("paths", nargs="*", default=["a.py", "b.py"])
    parser.add_argument("--rules", default="UseFstring,NoSuchRule")
    args = parser.parse_args(argv)
    config = LintConfig(enable=args.rules.split(","))
    reports = Linter(config).lint_paths(args.paths)
    print("RESULT=%s" % sorted(reports))


if __name__ == "__main__":
    main()
