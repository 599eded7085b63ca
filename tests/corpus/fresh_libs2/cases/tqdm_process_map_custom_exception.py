# family: tqdm
# hazard: unpicklable-exception
# line: 32
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# timeout: 30
# note: python/cpython#80041 (ProcessPoolExecutor breaks when a worker raises an exception whose __init__ does not match its args) reached through tqdm's process_map, as in pawelkn/btester#1's BrokenProcessPool from process_map.
"""Validate config files with process_map; a bad file raises a custom error."""
import sys

from tqdm.contrib.concurrent import process_map


class ConfigError(Exception):
    def __init__(self, path, lineno, reason):
        super().__init__(f"{path}:{lineno}: {reason}")
        self.path = path
        self.lineno = lineno
        self.reason = reason


FILES = {
    "app.ini": "name = demo\nport = 8080\n",
    "db.ini": "host = localhost\nport = eighty\n",
    "cache.ini": "size = 64\n",
}


def validate(path):
    for lineno, line in enumerate(FILES[path].splitlines(), 1):
        key, _, value = (part.strip() for part in line.partition("="))
        if key == "port" and not value.isdigit():
            raise ConfigError(path, lineno, "port must be a number")
    return path


def main():
    try:
        ok = process_map(validate, sorted(FILES), max_workers=2, disable=True)
    except ConfigError as exc:
        print(f"invalid: {exc.path} line {exc.lineno}")
        print("RESULT=caught")
        return
    print(f"RESULT={ok}")
    sys.exit(3)


if __name__ == "__main__":
    main()
