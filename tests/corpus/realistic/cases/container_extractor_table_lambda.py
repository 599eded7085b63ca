# family: container
# hazard: unpicklable-callable
# line: 54
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: A dict of field extractors mixes named functions with one lambda; the extractor picked by key is the lambda and ProcessPoolExecutor.submit pickles it under every start method. Modelled on https://github.com/scikit-hep/coffea/issues/1408 (lambda in options handed to a FuturesExecutor).
"""Extract one field from access-log records in parallel.

Usage: container_extractor_table_lambda.py [--field FIELD] [--workers N]
"""
import argparse
import concurrent.futures

RECORDS = [
    "2024-01-03T10:00:01 INFO user=alice action=login",
    "2024-01-03T10:00:07 WARN user=bob action=retry",
    "2024-01-03T10:01:13 INFO user=carol action=logout",
    "2024-01-03T10:02:55 ERROR user=alice action=upload",
]


def extract_level(line):
    return line.split()[1]


def extract_user(line):
    for token in line.split():
        if token.startswith("user="):
            return token[len("user="):]
    return None


def extract_timestamp(line):
    return line.split()[0]


EXTRACTORS = {
    "level": extract_level,
    "user": extract_user,
    "timestamp": extract_timestamp,
    "action": lambda line: line.rsplit("action=", 1)[-1],
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--field", default="action", choices=sorted(EXTRACTORS))
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args(argv)


def run(field, workers):
    extractor = EXTRACTORS[field]
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(extractor, record) for record in RECORDS]
        return [future.result() for future in futures]


def main(argv=None):
    args = parse_args(argv)
    values = run(args.field, args.workers)
    for record, value in zip(RECORDS, values):
        print(f"{value:>10}  <- {record}")


if __name__ == "__main__":
    main()
