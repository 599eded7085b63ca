# family: dataclass
# hazard: unpicklable-argument
# line: 23 38
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/Koed00/django-q/issues/700 / https://github.com/django-q2/django-q2/issues/72 (a task's argument carries a logging stream handler: "cannot pickle '_io.TextIOWrapper' object") and of the barman handler report: a dataclass job spec collects logging handlers in a list field (default_factory) filled by a later call; the spec is the Process argument.
"""Run a batch job in a child process with the log handlers the CLI configured."""
import logging
import multiprocessing
import sys
from dataclasses import dataclass, field


@dataclass
class JobSpec:
    name: str
    items: list = field(default_factory=list)
    handlers: list = field(default_factory=list)
    verbose: bool = False


def configure_logging(spec):
    if spec.verbose:
        spec.handlers.append(logging.StreamHandler(sys.stdout))
    return spec


def run_job(spec):
    log = logging.getLogger(spec.name)
    for handler in spec.handlers:
        log.addHandler(handler)
    total = sum(spec.items)
    print(spec.name, total)


def main(argv):
    spec = JobSpec(name="nightly", items=[1, 2, 3], verbose="-v" in argv)
    spec = configure_logging(spec)
    proc = multiprocessing.Process(target=run_job, args=(spec,))
    proc.start()
    proc.join()
    return proc.exitcode


if __name__ == "__main__":
    sys.exit(main(["-v"]))
