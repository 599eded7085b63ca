# family: start_method
# hazard: none
# line: none
# files: r16kit/pilot_service.py r16kit/pilot_manager.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/psnc-qcg/QCG-PilotJob/pull/86 -- the fix: LocalManager sets fork only when `get_start_method(allow_none=True)` is None, so the spawn method the script chose in its main block stays and the service process starts with it
"""Run a small campaign of jobs through a QCG-PilotJob-like LocalManager."""
import argparse
import multiprocessing
import sys

from r16kit.pilot_manager import LocalManager
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
