# family: forkserver
# hazard: forkserver-stale-environment
# line: 41
# expect: fork=ok spawn=ok forkserver=wrong_result
# timeout: 20
# note: https://github.com/cjrh/deadpool/pull/234 -- "subprocesses will inherit the environment of the parent process, but crucially, they will not inherit any changes made to the environment after the subprocess is created": the service starts its health-check process, then projects its settings into os.environ and starts the pool that reads them; forkserver children were forked from a server started before the change
"""Job service: a health probe, then a process pool whose jobs read settings from the environment."""
import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from multiprocessing import Process


@dataclass
class Settings:
    region: str = "eu-west"
    batch_size: int = 3


def probe(service_name):
    # the health check only needs to come up and exit cleanly
    assert service_name


class JobService:
    def __init__(self, name):
        self.name = name
        self.settings = None

    def health_check(self):
        proc = Process(target=probe, args=(self.name,))
        proc.start()
        proc.join()
        return proc.exitcode == 0

    def apply_settings(self, settings):
        self.settings = settings
        for key, value in asdict(settings).items():
            os.environ[f"JOBSVC_{key.upper()}"] = str(value)  # ANCHOR

    def run_jobs(self, job_ids):
        with ProcessPoolExecutor(max_workers=2) as executor:
            return list(executor.map(run_job, job_ids))


def run_job(job_id):
    region = os.environ.get("JOBSVC_REGION", "unset")
    batch = int(os.environ.get("JOBSVC_BATCH_SIZE", "1"))
    return f"{job_id}@{region}x{batch}"


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--region", default="ap-south")
    args = parser.parse_args(argv)
    service = JobService("exports")
    if not service.health_check():
        return 1
    service.apply_settings(Settings(region=args.region))
    results = service.run_jobs(["j1", "j2"])
    print("RESULT=" + ",".join(results))
    return 0 if results == ["j1@ap-southx3", "j2@ap-southx3"] else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
