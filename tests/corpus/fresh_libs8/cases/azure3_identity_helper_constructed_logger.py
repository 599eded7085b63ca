# family: args
# hazard: unpicklable-argument
# line: 27
# files: l8kit/identity_2021.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/Azure-Samples/ms-identity-python-samples-common/pull/3 -- "Logger() usage causes 'logger cannot be pickled'": the identity helper built logging.Logger(...) directly, and Django's parallel test runner (--parallel, worker processes) failed pickling it; this program runs per-tenant checks of the helper in a ProcessPoolExecutor, each task carrying the helper
"""Check the authority URL of every tenant in parallel, as the --parallel test run does."""
import sys
from concurrent.futures import ProcessPoolExecutor

from l8kit.identity_2021 import IdentityWebPython

TENANTS = ["contoso", "fabrikam", "northwind", "adventure-works"]


def check_tenant(identity, tenant):
    url = identity.authority_url(tenant)
    return tenant, url.endswith("/" + tenant)


class ParallelTestSuite:
    def __init__(self, workers=2):
        self.workers = workers

    def run(self, identity, tenants):
        with ProcessPoolExecutor(max_workers=self.workers) as pool:
            futures = [pool.submit(check_tenant, identity, tenant) for tenant in tenants]
            return dict(f.result() for f in futures)


def main():
    identity = IdentityWebPython(client_id="00000000-aaaa", authority="https://login.example.test/")
    results = ParallelTestSuite().run(identity, TENANTS)
    passed = sum(1 for ok in results.values() if ok)
    print("RESULT=%d" % passed)
    return 0 if passed == len(TENANTS) else 3


if __name__ == "__main__":
    sys.exit(main())
