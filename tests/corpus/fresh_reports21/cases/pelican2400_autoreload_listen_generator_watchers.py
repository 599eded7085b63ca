# family: args
# hazard: unpicklable-argument
# line: r24kit/legacy_watchers.py:30 57 59
# files: r24kit/sitegen.py r24kit/legacy_watchers.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/getpelican/pelican/issues/2400 -- "pelican -lr" fails on Windows (and on macOS from 3.8, #2674) with "TypeError: can't pickle generator objects": with --autoreload and --listen together main() starts autoreload in a multiprocessing.Process and hands it the dict of folder_watcher generators
import argparse
import multiprocessing
import queue
import sys
import time

from r24kit import sitegen
from r24kit.legacy_watchers import make_watchers


def autoreload(watchers, settings, excqueue, cycles):
    """Poll every watcher; rebuild the site when one of them reports a change."""
    rebuilds = 0
    try:
        for _ in range(cycles):
            changed = [name for name, watcher in watchers.items() if next(watcher)]
            if changed:
                sitegen.generate(settings)
                rebuilds += 1
            time.sleep(0.02)
        excqueue.put(("autoreload", rebuilds))
    except Exception as exc:  # pelican forwards the failure to the parent
        excqueue.put(("error", repr(exc)))


def listen(output_path, port, excqueue, ticks):
    """Stand-in for the development server: report what it would serve."""
    served = 0
    for _ in range(ticks):
        served = max(served, sitegen.count_pages(output_path))
        time.sleep(0.02)
    excqueue.put(("listen", served))


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="pelican")
    parser.add_argument("-r", "--autoreload", action="store_true", default=True)
    parser.add_argument("-l", "--listen", action="store_true", default=True)
    parser.add_argument("--cycles", type=int, default=5)
    parser.add_argument("--pages", type=int, default=3)
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    settings = sitegen.make_demo_site(args.pages)
    watchers = make_watchers(settings)
    excqueue = multiprocessing.Queue()
    report = {}
    if args.autoreload and args.listen:
        p1 = multiprocessing.Process(target=autoreload, args=(watchers, settings, excqueue, args.cycles))
        p2 = multiprocessing.Process(target=listen, args=(settings.output_path, settings.port, excqueue, args.cycles))
        p1.start()
        p2.start()
        for _ in range(2):
            try:
                kind, value = excqueue.get(timeout=10)
            except queue.Empty:
                break
            report[kind] = value
        p1.join()
        p2.join()
    if "error" in report:
        print("CRITICAL:", report["error"])
        return 1
    print(f"RESULT=rebuilds:{report.get('autoreload')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
