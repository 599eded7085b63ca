# family: container
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss, the fix of https://github.com/MizarAI/mizar-labs/pull/14 (lambdas replaced with functions): the class-level extension table holds only module-level functions, looked up with .get() and a named default; every (parser, name, text) tuple pickles by reference under every start method.
"""Count the records in a config bundle, one file per pool task."""
import json
import multiprocessing
import os


def parse_json(text):
    return list(json.loads(text))


def parse_lines(text):
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def parse_ini(text):
    return [line for line in text.splitlines() if "=" in line]


class Bundle:
    PARSERS = {".json": parse_json, ".txt": parse_lines, ".ini": parse_ini}

    def __init__(self, files):
        self.files = files

    def jobs(self):
        for name, text in sorted(self.files.items()):
            ext = os.path.splitext(name)[1]
            yield (self.PARSERS.get(ext, parse_lines), name, text)


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
        "notes.md": "one\ntwo\n",
    })
    print("RESULT=%s" % sorted(count_records(bundle).items()))
