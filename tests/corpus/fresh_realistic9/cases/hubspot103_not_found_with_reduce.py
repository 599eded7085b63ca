# family: results
# hazard: none
# line: none
# files: s17kit/errors.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/jpetrucciani/hubspot3/pull/103 -- the merged fix: the error base class gains __reduce__ returning (cls, (result, request)), so the NotFound raised in a pool worker is rebuilt in the parent and caught by the sync job's except clause
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

from s17kit.errors import ReducibleNotFound as NotFound


@dataclass(frozen=True)
class ContactRef:
    vid: int
    email: str

    @property
    def url(self):
        return f"/contacts/v1/contact/vid/{self.vid}" + ("/missing" if self.vid % 3 == 0 else "")


def delete_contact(ref):
    request = {"method": "DELETE", "url": ref.url}
    if ref.url.endswith("/missing"):
        raise NotFound({"status": 404, "body": {"vid": ref.vid}}, request)
    return ref.vid


class ContactSync:
    def __init__(self, workers=2):
        self.workers = workers
        self.deleted, self.missing = [], []

    def purge(self, refs):
        with ProcessPoolExecutor(self.workers) as pool:
            futures = {pool.submit(delete_contact, r): r for r in refs}
            for fut in as_completed(futures):
                try:
                    self.deleted.append(fut.result(timeout=10))
                except NotFound as exc:
                    self.missing.append(exc.request["url"])
        return sorted(self.deleted), sorted(self.missing)


if __name__ == "__main__":
    refs = [ContactRef(v, f"user{v}@example.com") for v in range(1, 7)]
    deleted, missing = ContactSync().purge(refs)
    print("deleted", deleted, "missing", len(missing))
    sys.exit(0)
