# family: dataclass
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of https://github.com/Koed00/django-q/issues/700: the dataclass job spec holds a logging.Logger (loggers pickle by name, Logger.__reduce__) built by a default_factory, and the handler is attached in the child, so the spec pickles under every start method.
"""Run a batch job in a child process; the job carries its logger, not handlers."""
import logging
import multiprocessing
import sys
from dataclasses import dataclass, field


@dataclass
class JobSpec:
    name: str
    items: list = field(default_factory=list)
    logger: logging.Logger = field(default_factory=lambda: logging.getLogger("jobs.nightly"))
    verbose: bool = False


def run_job(spec):
    if spec.verbose:
        spec.logger.addHandler(logging.StreamHandler(sys.stdout))
    total = sum(spec.items)
    spec.logger.warning("%s %s", spec.name, total)
    print(spec.name, total)


def main(argv):
    spec = JobSpec(name="nightly", items=[1, 2, 3], verbose="-v" in argv)
    proc = multiprocessing.Process(target=run_job, args=(spec,))
    proc.start()
    proc.join()
    return proc.exitcode


if __name__ == "__main__":
    sys.exit(main(["-v"]))
