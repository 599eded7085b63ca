# family: callable
# hazard: bound-method-target-holds-lambda-connection
# line: 56 57 r22kit/smbconn.py:19
# files: r22kit/smbconn.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/blacklanternsecurity/MANSPIDER/pull/106 -- "Fix macOS multiprocessing compatibility": under spawn the file parser process receives the bound Spiderling.parse_file, so the Spiderling is pickled with its SMBClient, whose impacket SMBConnection keeps local lambda functions in its SMB3 state: PicklingError (Can't pickle local object / lambda); on Linux with fork nothing is pickled
"""Spider SMB shares for files whose content matches a regex (a MANSPIDER-like tool)."""
import argparse
import logging
import multiprocessing
import pathlib
import re
import sys
import tempfile
import threading

from r22kit.smbconn import RemoteFile, SMBClient

log = logging.getLogger("manspider.spiderling")


class Parent:
    """What a Spiderling reads from the MANSPIDER object that created it."""

    def __init__(self, username, password, patterns, loot_dir):
        self.username = username
        self.password = password
        self.content_filters = [re.compile(p, re.I) for p in patterns]
        self.loot_dir = loot_dir
        self.no_download = False


class Spiderling:
    """
    Enumerates SMB shares and spiders all possible directories/filenames up to maxdepth
    Designed to be threadable
    """

    def __init__(self, target, parent, tmp_dir):
        self.parent = parent
        self.target = target
        self.smb_client = SMBClient(target, parent.username, parent.password, tmp_dir)
        # file parsing parallelized one process at a time
        # allows file to be parsed while next one is being fetched
        self.parser_process = None
        if self.smb_client.login():
            self.go()

    def go(self):
        for file in self.files:
            if self.parent.content_filters:
                try:
                    self.parser_process.join()
                except AttributeError:
                    pass
                self.parser_process = multiprocessing.Process(target=self.parse_file, args=(file,))
                self.parser_process.start()
        if self.parser_process is not None:
            self.parser_process.join()
        log.info(f"Finished spidering {self.target}")

    @property
    def files(self):
        for share in self.smb_client.shares:
            for remote_file in self.smb_client.ls(share):
                remote_file.fetch()
                yield remote_file

    def parse_file(self, file: RemoteFile):
        """Simple wrapper around the parser; for sole purpose of threading"""
        text = file.tmp_filename.read_text()
        if any(f.search(text) for f in self.parent.content_filters):
            (pathlib.Path(self.parent.loot_dir) / f"{file.share}_{file.name}").write_text(text)
        file.tmp_filename.unlink()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("targets", nargs="*", default=["10.0.0.5"])
    parser.add_argument("-c", "--content", nargs="+", default=["password"])
    parser.add_argument("-u", "--username", default="guest")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as loot, tempfile.TemporaryDirectory() as tmp:
        parent = Parent(options.username, "", options.content, loot)
        for target in options.targets:
            Spiderling(target, parent, pathlib.Path(tmp))
        found = sorted(p.name for p in pathlib.Path(loot).iterdir())
    print("RESULT=" + ",".join(found))
    return 0 if found == ["HR_notes.txt", "IT_passwords.txt"] else 3


if __name__ == "__main__":
    sys.exit(main())
