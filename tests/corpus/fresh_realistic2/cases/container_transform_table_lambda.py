# family: container
# hazard: unpicklable-callable
# line: 56
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/hyperactive-project/Hyperactive/issues/17 (a `lambda` inside what is handed to the worker pool: "Enabling more than 1 jobs crashes the code because the arguments can not be pickled"). Here a column-cleaning CLI keeps its transforms in a dict; one entry is a lambda, and the (column, transform) pairs are taken out of the dict into Pool.map tasks, which pickle under every start method.
"""Clean the columns of a small CSV export in parallel.

Usage: clean_columns.py [--workers N]
"""
import argparse
import csv
import io
import multiprocessing

RAW = """name,email,age,city
 Ada ,ADA@EXAMPLE.ORG,36, london
Linus,linus@example.org , 54,HELSINKI
 Grace,grace@example.org,85 ,arlington
"""


def strip_title(value):
    return value.strip().title()


def to_int(value):
    return int(value.strip())


def build_transforms():
    transforms = {
        "name": strip_title,
        "age": to_int,
        "city": strip_title,
    }
    transforms["email"] = lambda value: value.strip().lower()
    return transforms


def clean_column(task):
    column, transform, values = task
    return column, [transform(v) for v in values]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    rows = list(csv.DictReader(io.StringIO(RAW)))
    transforms = build_transforms()
    tasks = []
    for column, transform in transforms.items():
        tasks.append((column, transform, [row[column] for row in rows]))
    with multiprocessing.Pool(args.workers) as pool:
        cleaned = dict(pool.map(clean_column, tasks))
    for i in range(len(rows)):
        print({col: cleaned[col][i] for col in cleaned})


if __name__ == "__main__":
    main()
