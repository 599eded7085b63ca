# family: args
# hazard: none
# line: none
# files: r24kit/sitegen.py r24kit/fswatch.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/getpelican/pelican/pull/2750 -- the fix of #2400/#2674 ("Refactor file/folder watchers and autoreload"): the watchers become FileSystemWatcher objects holding plain data (path, extensions, last mtime), so the dict handed to the autoreload Process pickles under spawn
import argparse
import multiprocessing
import queue
import sys
import time

from r24kit import sitegen
from r24kit.fswatch import make_watchers


def autoreload(watchers, settings, excqueue, cycles):
    """Poll every watcher; rebuild the site when one of them reports a change."""
    rebuilds = 0
    try:
        for _ in range(cycles):
            changed = [name for name, watcher in watchers.items() if watcher.check()]
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
