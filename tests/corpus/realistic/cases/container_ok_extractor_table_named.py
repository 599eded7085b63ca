# family: container
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of container_extractor_table_lambda: the same extractor table, but every entry is a module-level function or a functools.partial of one, so the looked-up callable pickles by reference. Modelled on https://github.com/uber/bayesmark/pull/8 (lambdas replaced by named callables to fix pickling).
"""Extract one field from access-log records in parallel.

Usage: container_ok_extractor_table_named.py [--field FIELD] [--workers N]
"""
import argparse
import concurrent.futures
import functools

RECORDS = [
    "2024-01-03T10:00:01 INFO user=alice action=login",
    "2024-01-03T10:00:07 WARN user=bob action=retry",
    "2024-01-03T10:01:13 INFO user=carol action=logout",
    "2024-01-03T10:02:55 ERROR user=alice action=upload",
]


def extract_level(line):
    return line.split()[1]


def extract_key(line, key):
    for token in line.split():
        if token.startswith(key + "="):
            return token[len(key) + 1:]
    return None


def extract_timestamp(line):
    return line.split()[0]


EXTRACTORS = {
    "level": extract_level,
    "user": functools.partial(extract_key, key="user"),
    "timestamp": extract_timestamp,
    "action": functools.partial(extract_key, key="action"),
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
