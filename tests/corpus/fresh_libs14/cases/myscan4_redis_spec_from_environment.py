# family: globals
# hazard: none
# line: none
# files: l26kit/__init__.py l26kit/scanconf_env.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/amcai/myscan/issues/4 -- near miss: the reporter's work-round from the thread: at start-up the redis settings are also written to the environment, and getredis rebuilds the connection when the global is None, which a spawned or forkserver worker inherits through its environment
"""Run POC checks against a target list in worker processes and queue findings in redis."""
import argparse
import json
from multiprocessing import Pool

from l26kit import scanconf_env as data

POCS = ["weblogic_cve_2019_2725", "struts2_045", "thinkphp_rce", "phpmyadmin_setup"]


def run_python(job):
    target, poc = job
    verdict = {"target": target, "poc": poc, "vulnerable": (len(target) + len(poc)) % 3 == 0}
    conn = data.get_redis()
    pipe = conn.pipeline(transaction=False)
    pipe.lpush("vuln_result" if verdict["vulnerable"] else "scan_log", json.dumps(verdict))
    pipe.hincrby("stats", poc, 1)
    return conn.connection_pool.connection_kwargs["host"], len(pipe)


class Scanner:
    def __init__(self, processes):
        self.processes = processes

    def jobs(self, targets):
        return [(t, poc) for t in targets for poc in POCS]

    def start(self, targets):
        with Pool(self.processes) as pool:
            results = pool.map(run_python, self.jobs(targets))
        hosts = {host for host, _ in results}
        return hosts, sum(n for _, n in results)


def main():
    parser = argparse.ArgumentParser(prog="myscan webscan")
    parser.add_argument("--redis", default="s3cret@10.20.0.5:6379:2")
    parser.add_argument("--process", type=int, default=2)
    parser.add_argument("--targets", nargs="*", default=["http://10.1.1.2", "http://shop.local"])
    args = parser.parse_args()
    data.init_options(vars(args))
    data.set_conn(args.redis)
    hosts, queued = Scanner(args.process).start(args.targets)
    print(f"RESULT={','.join(sorted(hosts))}:{queued}")


if __name__ == "__main__":
    main()
