# family: lifecycle
# hazard: none
# line: none
# files: r13kit/thingyverse.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/cwoac/thingy_grabber/issues/33 -- the reporter's fix: main() first calls multiprocessing.set_start_method("fork"), so the downloader children inherit the JoinableQueue's semaphores instead of reopening them by name, and the parent returning without a join no longer pulls them away
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

    multiprocessing.set_start_method("fork")

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
