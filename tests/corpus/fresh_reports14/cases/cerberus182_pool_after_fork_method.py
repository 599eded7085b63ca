# family: globals
# hazard: none
# line: none
# files: r14kit/kubeapi.py r14kit/kubecli.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/krkn-chaos/cerberus/pull/182 -- the change the PR made ("Setting a default now to be able to run on all systems"): main() calls multiprocessing.set_start_method("fork") right before it creates the pool, so the workers inherit the client global that initialize_clients() set
"""Cluster health watcher (cerberus-like): track pod restarts in the watched namespaces with a pool."""
import argparse
import multiprocessing
import signal
import sys
from itertools import repeat

from r14kit import kubecli


def init_worker():
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def parse_config(argv):
    parser = argparse.ArgumentParser(prog="start_cerberus")
    parser.add_argument("--kubeconfig", default="~/.kube/config")
    parser.add_argument("--iterations", type=int, default=2)
    parser.add_argument("--cores-usage-percentage", type=float, default=0.5)
    parser.add_argument("--namespace", action="append",
                        default=["openshift-etcd", "openshift-apiserver", "monitoring"])
    return parser.parse_args(argv)


def merge(outputs):
    crashed = {}
    for item in outputs:
        for ns, pods in item.items():
            crashed.setdefault(ns, []).extend(pods)
    return crashed


def main(cfg) -> int:
    kubecli.initialize_clients(cfg.kubeconfig, 500, 60)
    watch_namespaces = cfg.namespace

    # Variables used for multiprocessing
    global pool
    multiprocessing.set_start_method("fork")
    pool = multiprocessing.Pool(max(2, int(cfg.cores_usage_percentage * multiprocessing.cpu_count())), init_worker)
    manager = multiprocessing.Manager()
    pods_tracker = manager.dict()

    crashed_restarted_pods = {}
    try:
        for iteration in range(1, cfg.iterations + 1):
            multiprocessed_output = pool.starmap(
                kubecli.namespace_sleep_tracker, zip(watch_namespaces, repeat(pods_tracker))
            )
            crashed_restarted_pods = merge(multiprocessed_output)
            print(f"iteration {iteration}: tracking {len(pods_tracker)} pods, "
                  f"{sum(map(len, crashed_restarted_pods.values()))} restarted")
        tracked = len(pods_tracker)
    finally:
        pool.close()
        pool.join()
        manager.shutdown()
    print(f"RESULT=tracked={tracked};restarted={len(crashed_restarted_pods)}")
    return 0 if (tracked, crashed_restarted_pods) == (4, {}) else 3


if __name__ == "__main__":
    sys.exit(main(parse_config(sys.argv[1:])))
