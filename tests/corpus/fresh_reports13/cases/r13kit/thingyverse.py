"""A thingiverse-like bulk downloader core: Thing, Grouping and a Downloader process."""
import enum
import logging
import multiprocessing
import os
import re

NO_WHITESPACE_REGEX = re.compile(r"[-\s]+")
DOWNLOADER_COUNT = 1


class State(enum.Enum):
    OK = enum.auto()
    FAILED = enum.auto()
    ALREADY_DOWNLOADED = enum.auto()


def slugify(value):
    value = re.sub(r"[^\w\s-]", "", value).strip()
    return NO_WHITESPACE_REGEX.sub("-", value)


class Thing:
    """One design; 'downloading' writes a small marker file."""

    def __init__(self, thing_id):
        self.thing_id = thing_id

    def download(self, base_dir):
        target = os.path.join(base_dir, "{}-{}".format(self.thing_id, slugify("thing " + self.thing_id)))
        if os.path.exists(target):
            return State.ALREADY_DOWNLOADED
        with open(target, "w") as handle:
            handle.write("downloaded\n")
        return State.OK


class Downloader(multiprocessing.Process):
    """Handles the things put on the queue until it reads None."""

    def __init__(self, thing_queue, download_directory):
        multiprocessing.Process.__init__(self)
        self.thing_queue = thing_queue
        self.download_directory = download_directory

    def run(self):
        while True:
            thing_id = self.thing_queue.get()
            if thing_id is None:
                logging.info("Shutting download queue")
                self.thing_queue.task_done()
                break
            Thing(thing_id).download(self.download_directory)
            self.thing_queue.task_done()
