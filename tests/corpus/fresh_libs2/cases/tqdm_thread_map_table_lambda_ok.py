# family: tqdm
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: tqdm/tqdm#97 (progress bars over concurrent.futures executors): the same table of lambda transforms through thread_map, which uses a ThreadPoolExecutor, so nothing is pickled and no guard is needed (flat script).
"""Flat script: transform a numeric column in threads with a progress bar."""
import math
import sys

from tqdm.contrib.concurrent import thread_map

TRANSFORMS = {
    "log": lambda x: round(math.log1p(x), 4),
    "sqrt": lambda x: round(math.sqrt(x), 4),
    "square": lambda x: x * x,
}
OPTIONS = {"op": "sqrt", "workers": 3}



def load_column():
    # stands in for reading a CSV column
    return [0, 1, 4, 9, 16, 25]


fn = TRANSFORMS[OPTIONS["op"]]
values = load_column()
out = thread_map(fn, values, max_workers=OPTIONS["workers"], disable=True)
print(f"RESULT={out}")
if out != [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]:
    sys.exit(3)
