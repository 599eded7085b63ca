# family: globals
# hazard: library-client-global-set-at-startup
# line: 36 48
# files: l26kit/__init__.py l26kit/scanconf_plain.py
# expect: fork=ok spawn=error:AttributeError forkserver=error:AttributeError
# note: https://github.com/amcai/myscan/issues/4 -- "子进程不能直接使用父进程变量会导致redis连接错误" (child processes cannot use the parent's variables, so the redis connection breaks): myscan parses --redis password@host:port:db at start-up into a module-global redis connection that the POC worker processes read; on the reporter's Mac the workers are spawned and see the import-time value ("后面都成None了", it became None), so the first use fails, while Linux's fork inherits it
"""Run POC checks against a target list in worker processes and queue findings in redis."""
import argparse
import json
from multiprocessing import Pool

from l26kit import scanconf_plain as data

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
