# family: globals
# hazard: parent-state-not-inherited
# line: 23
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: Modelled on https://taourl.com/read-3785937.html and the pytest monkeypatch reports it summarises (a module attribute replaced in the parent is seen by forked children only; spawned children re-import the module and call the real function). A --dry-run switch replaces flowkit.backend.fetch before the pool runs.
"""Fetch keys in parallel; --dry-run answers from a local stub."""
import multiprocessing
import sys

from flowkit import backend


def fake_fetch(key):
    return "stub:%s" % key


def fetch_one(key):
    return backend.fetch(key)


def run(keys, dry_run):
    if dry_run:
        backend.fetch = fake_fetch
    with multiprocessing.Pool(2) as pool:
        return pool.map(fetch_one, keys)


def main():
    keys = ["alpha", "beta", "gamma", "delta"]
    got = run(keys, dry_run=True)
    stubbed = [g for g in got if g.startswith("stub:")]
    print("RESULT=%d/%d stubbed" % (len(stubbed), len(keys)))
    return 0 if len(stubbed) == len(keys) else 3


if __name__ == "__main__":
    sys.exit(main())
