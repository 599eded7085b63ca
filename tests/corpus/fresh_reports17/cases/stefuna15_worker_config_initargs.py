# family: globals
# hazard: none
# line: none
# files: r21kit/stefuna_config.py r21kit/stefuna_worker.py r21kit/stefuna_server.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/irothschild/stefuna/pull/15 -- the PR's change: Worker takes config in its constructor and init_worker(worker_class, worker_config, region, heartbeat, loglevel) receives it through the Pool's initargs, so spawned workers (the config dict still asks for 'spawn') see the user's worker_config
"""A stefuna-style Step Functions activity worker: greet each task input."""
import argparse
import json
import sys

from r21kit.stefuna_config import apply_start_method, load_config
from r21kit.stefuna_server import Server
from r21kit.stefuna_worker import Worker

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
