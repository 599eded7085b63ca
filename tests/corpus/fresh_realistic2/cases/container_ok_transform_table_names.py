# family: container
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss, the usual fix for https://github.com/hyperactive-project/Hyperactive/issues/17-style failures: the transform table holds only module-level functions (the lambda became `lower_email`), and the tasks carry the transform's name; the worker looks it up in the module-level table, so nothing but strings and lists is pickled.
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


def lower_email(value):
    return value.strip().lower()


TRANSFORMS = {
    "name": strip_title,
    "email": lower_email,
    "age": to_int,
    "city": strip_title,
}


def clean_column(task):
    column, values = task
    transform = TRANSFORMS[column]
    return column, [transform(v) for v in values]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    rows = list(csv.DictReader(io.StringIO(RAW)))
    tasks = [(column, [row[column] for row in rows]) for column in TRANSFORMS]
    with multiprocessing.Pool(args.workers) as pool:
        cleaned = dict(pool.map(clean_column, tasks))
    for i in range(len(rows)):
        print({col: cleaned[col][i] for col in cleaned})


if __name__ == "__main__":
    main()
