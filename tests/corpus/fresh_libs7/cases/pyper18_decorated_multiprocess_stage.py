# family: callable
# hazard: unpicklable-callable
# line: l7kit/pipeline.py:27 22 42
# files: l7kit/pipeline.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/pyper-dev/pyper/issues/18 -- a pipeline whose stage is declared with the decorator `@task(multiprocess=True)` fails (pyper hung): the decorator rebinds the module name `step2` to the task object, so pickle cannot find the function it sends to the worker processes under its own name ("it's not the same object as __main__.step2"); the maintainer's working variant is the dynamic `task(step2, multiprocess=True)`; this program is the decorator form
import json
import os
import sys
import tempfile
from typing import Dict, Iterable

from l7kit.pipeline import task


@task(branch=True)
def step1(limit: int):
    for i in range(limit):
        yield {"data": i}


@task(multiprocess=True)
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
    pipeline = step1 | step2
    with tempfile.TemporaryDirectory() as tmp:
        writer = JsonFileWriter(os.path.join(tmp, "data.json"))
        written = writer(pipeline(limit=10))
    print("RESULT=", written)
    return 0


if __name__ == "__main__":
    sys.exit(main())
