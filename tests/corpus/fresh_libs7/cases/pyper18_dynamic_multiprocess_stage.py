# family: callable
# hazard: none
# line: none
# files: l7kit/pipeline.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/pyper-dev/pyper/issues/18 -- the maintainer's working variant: plain functions composed with the dynamic form `task(step1, branch=True) | task(step2, multiprocess=True)` under the main guard; the module name `step2` still names the function, so the worker processes receive it by reference
import json
import os
import sys
import tempfile
from typing import Dict, Iterable

from l7kit.pipeline import task


def step1(limit: int):
    for i in range(limit):
        yield {"data": i}


def step2(data: Dict):
    return data | {"hello": "world", "square": data["data"] ** 2}


class JsonFileWriter:
    def __init__(self, filepath):
        self.filepath = filepath

    def __call__(self, data: Iterable[Dict]):
        data_list = list(data)
        with open(self.filepath, "w", encoding="utf-8") as f:
            json.dump(data_list, f, indent=4)
        return len(data_list)


def main():
    pipeline = task(step1, branch=True) | task(step2, multiprocess=True)
    with tempfile.TemporaryDirectory() as tmp:
        writer = JsonFileWriter(os.path.join(tmp, "data.json"))
        written = writer(pipeline(limit=10))
    print("RESULT=", written)
    return 0


if __name__ == "__main__":
    sys.exit(main())
