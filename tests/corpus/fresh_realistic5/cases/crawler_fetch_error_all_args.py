# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 8
# note: https://github.com/PyFilesystem/pyfilesystem2/issues/183 -- the helper exception passes both constructor arguments to Exception (with its own __str__), so it unpickles.
"""Link checker: fetches (simulated) URLs in worker processes and reports failures."""
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

from rz5kit.errors import FetchFailed

FAKE_STATUS = {"/": 200, "/docs": 200, "/old-blog": 404, "/pricing": 200}


@dataclass
class CrawlPlan:
    base: str
    paths: tuple
    workers: int = 2


def fetch(base, path):
    status = FAKE_STATUS.get(path, 500)
    if status >= 400:
        raise FetchFailed(base + path, status)
    return base + path, status


def crawl(plan):
    ok, failed = [], []
    with ProcessPoolExecutor(max_workers=plan.workers) as ex:
        futures = {ex.submit(fetch, plan.base, p): p for p in plan.paths}
        for fut in as_completed(futures):
            try:
                ok.append(fut.result())
            except FetchFailed as exc:
                failed.append((exc.url, exc.status))
    return ok, failed


if __name__ == "__main__":
    plan = CrawlPlan("https://example.invalid", tuple(FAKE_STATUS))
    ok, failed = crawl(plan)
    print("RESULT=" + f"ok={len(ok)} failed={failed}")
    raise SystemExit(0 if len(ok) == 3 and len(failed) == 1 else 3)
