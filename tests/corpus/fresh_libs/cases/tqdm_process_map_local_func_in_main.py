# family: tqdm
# hazard: unpicklable-callable
# line: 39
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 30
# note: A dataset-cleaning script packaged as a console entry point: the worker function lives inside main(), and process_map hands it to a ProcessPoolExecutor, which pickles it with plain pickle under every start method ("Can't pickle local object 'main.<locals>.clean_row'"). Shape of https://github.com/python/cpython/pull/3895 (adam-kral: "I needed to move the code from `if __name__ == '__main__'` ... to a function ... the function became local and unpicklable") and https://github.com/wasserth/TotalSegmentator/issues/335.
"""Clean a CSV-like dataset with a progress bar."""
import argparse
import csv
import io

from tqdm.contrib.concurrent import process_map

RAW = """name,age,city
 Alice ,34, paris
BOB,n/a,Berlin
carol , 29 ,ROME
 dave,41,  madrid
"""


def parse(text):
    return list(csv.DictReader(io.StringIO(text)))


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    def clean_row(row):
        age = row["age"].strip()
        return {
            "name": row["name"].strip().title(),
            "age": int(age) if age.isdigit() else None,
            "city": row["city"].strip().title(),
        }

    rows = process_map(clean_row, parse(RAW), max_workers=args.workers, disable=True)
    valid = [r for r in rows if r["age"] is not None]
    for row in rows:
        print(row)
    print("RESULT=" + str(len(valid)))


if __name__ == "__main__":
    main([])
