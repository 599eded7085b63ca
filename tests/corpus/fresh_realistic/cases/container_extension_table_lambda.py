# family: container
# hazard: unpicklable-callable
# line: 45 24
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/MizarAI/mizar-labs/pull/14 ("REFACTOR: replaced lambda with functions for pickle") and https://github.com/uber/bayesmark/pull/8 ("Lambda functions can't be pickled ... Functions are pickled by name, not by code"): a class-level table maps file extensions to parsers, most named functions and one lambda; the chosen parser rides inside a (parser, name, text) tuple given to Pool.imap_unordered, so the .ini file's lambda fails to pickle under every start method.
"""Count the records in a config bundle, one file per pool task."""
import json
import multiprocessing
import os


def parse_json(text):
    return list(json.loads(text))


def parse_lines(text):
    return [line for line in text.splitlines() if line and not line.startswith("#")]


class Bundle:
    PARSERS = {
        ".json": parse_json,
        ".txt": parse_lines,
        ".ini": lambda text: [l for l in text.splitlines() if "=" in l],
    }

    def __init__(self, files):
        self.files = files

    def jobs(self):
        for name, text in sorted(self.files.items()):
            ext = os.path.splitext(name)[1]
            yield (self.PARSERS[ext], name, text)


def apply_parser(job):
    parser, name, text = job
    return name, len(parser(text))


def count_records(bundle, processes=2):
    counts = {}
    jobs = list(bundle.jobs())
    with multiprocessing.Pool(processes) as pool:
        for name, count in pool.imap_unordered(apply_parser, jobs):
            counts[name] = count
    return counts


if __name__ == "__main__":
    bundle = Bundle({
        "users.json": '{"a": 1, "b": 2}',
        "hosts.txt": "# hosts\nweb1\nweb2\ndb1\n",
        "app.ini": "[main]\nport=80\nworkers=4\n",
    })
    print("RESULT=%s" % sorted(count_records(bundle).items()))
