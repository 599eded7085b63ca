# family: threads
# hazard: fork-after-threads
# line: 34 35
# timeout: 8
# files: rz8kit/resolver.py
# expect: fork=deadlock spawn=ok forkserver=ok
# note: https://github.com/18F/domain-scan/issues/157 -- "sslyze calls deadlocking due to combination of threads/processes/logging": a lock held by another thread at fork time is copied held into the forked workers and nothing ever releases it there; reduced to a scan CLI that warms a resolver cache in a background thread and then forks a pool of scanners that look hosts up through the same module lock
import argparse
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing import Pool

from rz8kit import resolver


@dataclass
class ScanResult:
    domain: str
    address: str
    tls: bool


def scan_tls(domain):
    address = resolver.lookup(domain)
    return ScanResult(domain, address, not domain.startswith("legacy"))


SCANNERS = {"tls": scan_tls}


def scan_domains(domains, scanner, workers):
    with Pool(workers) as pool:
        return pool.map(SCANNERS[scanner], domains, chunksize=1)


def main(argv):
    parser = argparse.ArgumentParser(prog="scan")
    parser.add_argument("--scan", default="tls")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    domains = ["18f.gov", "legacy.gsa.gov", "login.gov"]
    warmer = threading.Thread(target=resolver.warm_cache, args=(domains,), daemon=True)
    warmer.start()
    time.sleep(0.2)
    for result in scan_domains(domains, args.scan, args.workers):
        print(result.domain, result.address, result.tls)
    warmer.join()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
