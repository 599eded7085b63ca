# family: lifecycle
# hazard: semaphore-unlinked-before-child-starts
# line: 41
# files: r13kit/thingyverse.py
# expect: fork=ok spawn=error:FileNotFoundError forkserver=error:FileNotFoundError
# note: https://github.com/cwoac/thingy_grabber/issues/33 -- "FileNotFoundError ... SemLock._rebuild" in the downloader child on Python 3.14 (forkserver default): main() starts the Downloader processes, queues the things and the None sentinels and returns without joining; the exiting parent runs its semaphore finalizers before it waits for the children, so a child still unpickling the JoinableQueue finds its semaphore gone
import argparse
import logging
import multiprocessing
import os
import sys
import tempfile

from r13kit.thingyverse import DOWNLOADER_COUNT, Downloader

VERSION = "0.7.0"


def main(argv=None):
    """Entry point for script being run as a command."""
    parser = argparse.ArgumentParser()
    parser.add_argument("-d", "--directory", help="Target directory to download into")
    parser.add_argument("-l", "--log-level", choices=["debug", "info", "warning"], default="warning")
    subparsers = parser.add_subparsers(dest="subcommand")
    thing_parser = subparsers.add_parser("thing", help="Download a single thing.")
    thing_parser.add_argument("things", nargs="*")
    subparsers.add_parser("version", help="Show the current version")
    args = parser.parse_args(argv)
    if not args.subcommand:
        parser.print_help()
        sys.exit(1)
    if not args.directory:
        args.directory = tempfile.mkdtemp(prefix="thingy-")
    logging.basicConfig(level=args.log_level.upper())

    # Start downloader
    thing_queue = multiprocessing.JoinableQueue()
    logging.debug("starting %d downloader(s)", DOWNLOADER_COUNT)
    downloaders = [Downloader(thing_queue, args.directory) for _ in range(DOWNLOADER_COUNT)]
    for downloader in downloaders:
        downloader.start()

    if args.subcommand == "thing":
        for thing in args.things:
            thing_queue.put(thing)
    if args.subcommand == "version":
        print("thingy_grabber.py version {}".format(VERSION))

    # Stop the downloader processes
    for downloader in downloaders:
        thing_queue.put(None)


if __name__ == "__main__":
    multiprocessing.freeze_support()
    main(["thing", "4321", "8765"])
