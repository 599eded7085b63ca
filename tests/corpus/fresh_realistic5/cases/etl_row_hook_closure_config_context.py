# family: callable
# hazard: unpicklable-callable
# line: 42
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/python/cpython/issues/126831 -- the start method comes from the job config (try/except around get_context); the row hook is a closure built from the config and passed as the Process target.
"""Row exporter: streams rows to a file in a child process started from the job config."""
import json
import multiprocessing as mp
import os
import sys
import tempfile

JOB = {
    "start_method": "forkserver",
    "table": "invoices",
    "rows": 25,
    "out_dir": tempfile.gettempdir(),
}


def make_row_hook(config):
    prefix = config["table"]

    def write_rows(path, count):
        with open(path, "w") as fh:
            for i in range(count):
                fh.write(json.dumps({"table": prefix, "id": i}) + "\n")
    return write_rows


def pick_context(config):
    try:
        return mp.get_context(config.get("start_method"))
    except ValueError:
        return mp.get_context()


def run_job(config):
    ctx = pick_context(config)
    hooks = {"rows": make_row_hook(config)}
    path = os.path.join(config["out_dir"], f"{config['table']}-{os.getpid()}.jsonl")
    child = ctx.Process(target=hooks["rows"], args=(path, config["rows"]))
    child.start()
    child.join()
    if child.exitcode != 0 or not os.path.exists(path):
        return 0
    with open(path) as fh:
        return sum(1 for _ in fh)


if __name__ == "__main__":
    written = run_job(JOB)
    print("RESULT=" + str(written))
    sys.exit(0 if written == 25 else 3)
