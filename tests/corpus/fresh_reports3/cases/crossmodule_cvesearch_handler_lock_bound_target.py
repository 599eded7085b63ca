# family: crossmodule
# hazard: unpicklable-bound-method
# line: 20
# files: cvekit/__init__.py cvekit/download_handler.py
# timeout: 15
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/cve-search/cve-search/issues/507 ("CVE-Search not working in Windows for sbin/db_mgmt_ref.py - Getting OSError [WinError 87] and TypeError (can't pickle Thread objects)"; the traceback goes Sources_process.populate -> DownloadHandler.process_downloads -> _process_queue_to_db -> proc.start()): the download handler starts its database workers with its own bound method as target, and the handler keeps a threading lock for its progress display. Reduced: cvekit stands for lib/; the feed is a list of dicts.
"""Update the VIA4 reference database from the downloaded feed."""
from cvekit.download_handler import DownloadHandler


class VIA4Source:
    feed_type = "VIA4"

    def __init__(self):
        self.handler = DownloadHandler(self.feed_type)

    def update(self):
        docs = [{"id": "CVE-2020-%04d" % i} for i in range(5)]
        return self.handler.process_downloads(docs, collection=self.feed_type.lower())

    def populate(self):
        return self.update()


if __name__ == "__main__":
    via = VIA4Source()
    print("RESULT=%d" % len(via.populate()))
