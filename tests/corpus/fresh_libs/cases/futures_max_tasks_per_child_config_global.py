# family: futures
# hazard: parent-state-not-inherited
# line: 34
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# timeout: 30
# note: A batch converter that sets its configuration as module globals from the command line inside main(), then recycles workers with `ProcessPoolExecutor(max_tasks_per_child=50)` to bound memory on long batches. Without mp_context, max_tasks_per_child makes the executor use spawn even where fork is the default, so the workers re-import the script and see the import-time defaults: the output is silently wrong (the script exits 3) under every default. Python docs (https://docs.python.org/3/library/concurrent.futures.html#processpoolexecutor: "When max_tasks_per_child is not None ... the 'spawn' multiprocessing start method will be used by default").
"""Convert temperatures in a batch, with the unit chosen on the command line."""
import argparse
import sys
from concurrent.futures import ProcessPoolExecutor

UNIT = "C"
PRECISION = 0

BATCH = [12.5, 18.25, 21.0, 30.75, -3.5, 0.0]


def convert(celsius):
    if UNIT == "F":
        value = celsius * 9 / 5 + 32
    elif UNIT == "K":
        value = celsius + 273.15
    else:
        value = celsius
    return round(value, PRECISION)


def main(argv):
    global UNIT, PRECISION
    parser = argparse.ArgumentParser()
    parser.add_argument("--unit", choices="CFK", default="C")
    parser.add_argument("--precision", type=int, default=0)
    args = parser.parse_args(argv)
    UNIT, PRECISION = args.unit, args.precision

    with ProcessPoolExecutor(max_workers=2, max_tasks_per_child=50) as pool:
        converted = list(pool.map(convert, BATCH))
    print(" ".join(str(v) for v in converted))
    expected = [round(c * 9 / 5 + 32, 1) for c in BATCH]
    print("RESULT=" + str(converted[0]))
    return 0 if converted == expected else 3


if __name__ == "__main__":
    sys.exit(main(["--unit", "F", "--precision", "1"]))
