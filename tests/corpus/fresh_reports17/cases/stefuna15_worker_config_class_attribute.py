# family: globals
# hazard: class-attribute-set-in-parent-read-by-spawned-worker
# line: 47 r21kit/stefuna_server_legacy.py:19 r21kit/stefuna_server_legacy.py:23
# files: r21kit/stefuna_config.py r21kit/stefuna_worker_legacy.py r21kit/stefuna_server_legacy.py
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: https://github.com/irothschild/stefuna/pull/15 -- "Pass params to init_worker to handle spawned worker processes properly on unix": after PR #14 added 'start_method' to the config dict with 'spawn' as its default (set_start_method(config['start_method'])), the Server's `Server.worker_class.config = worker_config` no longer reached the pool workers: a spawned worker imports the Worker class afresh with config None, so the tasks ran without the user's worker_config
"""A stefuna-style Step Functions activity worker: greet each task input."""
import argparse
import json
import sys

from r21kit.stefuna_config import apply_start_method, load_config
from r21kit.stefuna_server_legacy import Server
from r21kit.stefuna_worker_legacy import Worker

# the user's config module (stefuna --config hello_config)
USER_CONFIG = {
    "name": "HelloWorker",
    "processes": 2,
    "worker_config": {"greeting": "Bonjour", "punctuation": "!"},
}


class HelloWorker(Worker):
    def run_task(self, task_token, input_data):
        config = self.config or {}
        greeting = config.get("greeting", "Hello")
        punctuation = config.get("punctuation", ".")
        return f"{task_token}:{greeting}, {input_data['name']}{punctuation}"


def expected(config, token, name):
    wc = config["worker_config"]
    return f"{token}:{wc['greeting']}, {name}{wc['punctuation']}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int)
    args = parser.parse_args(argv)
    config = load_config(USER_CONFIG)
    if args.processes:
        config["processes"] = args.processes
    apply_start_method(config)

    Server.worker_class = HelloWorker
    server = Server(name=config["name"], activity_arn=config["activity_arn"],
                    processes=config["processes"], heartbeat=config["heartbeat"],
                    maxtasksperchild=config["maxtasksperchild"],
                    server_config=config["server_config"], worker_config=config["worker_config"])
    tasks = [(f"tok{i}", json.dumps({"name": name})) for i, name in enumerate(["ada", "bob", "cy"])]
    try:
        outputs = server.run_tasks(tasks)
    finally:
        server.close()
    print(f"RESULT={outputs}")
    ok = outputs == [expected(config, t, json.loads(d)["name"]) for t, d in tasks]
    return 0 if ok else 3


if __name__ == "__main__":
    sys.exit(main())
