# family: args
# hazard: none
# line: none
# files: l8kit/identity.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Azure-Samples/ms-identity-python-samples-common/pull/3 -- the PR: the helper uses logging.getLogger("ms_identity_web"), a registered logger that pickles by name, so the helper crosses to the parallel test workers
"""Check the authority URL of every tenant in parallel, as the --parallel test run does."""
import sys
from concurrent.futures import ProcessPoolExecutor

from l8kit.identity import IdentityWebPython

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
