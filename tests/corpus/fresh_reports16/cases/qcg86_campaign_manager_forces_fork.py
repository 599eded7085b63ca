# family: start_method
# hazard: set-start-method-in-library-after-script
# line: 32 r16kit/pilot_legacy.py:11
# files: r16kit/pilot_service.py r16kit/pilot_legacy.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: https://github.com/psnc-qcg/QCG-PilotJob/pull/86 -- "the mp start method is set to fork only when not initialized before": LocalManager's constructor called `set_start_method('fork')` unconditionally, so a script that had chosen its own start method in its `if __name__ == "__main__"` block (as the documentation asks, e.g. spawn for Jupyter-like environments) died with "RuntimeError: context has already been set"
"""Run a small campaign of jobs through a QCG-PilotJob-like LocalManager."""
import argparse
import multiprocessing
import sys

from r16kit.pilot_legacy import LocalManager
from r16kit.pilot_service import JobSpec


class Campaign:
    def __init__(self, name, n_jobs):
        self.name = name
        self.n_jobs = n_jobs
        self.manager = None

    def specs(self):
        out = []
        for i in range(self.n_jobs):
            if i % 2:
                out.append(JobSpec("%s-%d" % (self.name, i), "concat", ["a", str(i), "z"]))
            else:
                out.append(JobSpec("%s-%d" % (self.name, i), "sum", [str(i), "10", "5"]))
        return out

    def run(self):
        self.manager = LocalManager(server_args=["--log", "warning"], cfg={"wd": "."})
        try:
            self.manager.submit(self.specs())
            return self.manager.wait4all()
        finally:
            self.manager.finish()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=4)
    args = parser.parse_args(argv)
    results = Campaign("camp", args.jobs).run()
    print("RESULT=" + ",".join("%s=%s" % kv for kv in sorted(results.items())))
    return 0


if __name__ == "__main__":
    # the start method is chosen here, in the main block, as the multiprocessing docs recommend
    multiprocessing.set_start_method("spawn")
    sys.exit(main())
