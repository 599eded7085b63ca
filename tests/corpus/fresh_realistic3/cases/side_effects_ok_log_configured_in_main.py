# family: side_effects
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/cloudbase/coriolis/pull/492 (near miss: the file handler is configured in main(), which re-imported children never run)
import logging
import multiprocessing
import os
import sys
import tempfile

LOG_PATH = os.path.join(tempfile.gettempdir(), "convert.log")
log = logging.getLogger("convert")


def setup_logging(path):
    logging.basicConfig(filename=path, filemode="w", level=logging.INFO, format="%(processName)s %(message)s")


def convert_disk(disk):
    name, size_gb = disk
    return name, size_gb * 1024


def plan_migration(disks, target="qcow2"):
    plan = []
    for name, size_gb in disks:
        plan.append({"disk": name, "size_gb": size_gb, "format": target})
    return plan


def report(converted):
    total = sum(size for _, size in converted)
    log.info("converted %d disks, %d MiB", len(converted), total)
    return total


def main():
    setup_logging(LOG_PATH)
    disks = [("root", 20), ("data", 100), ("swap", 4)]
    log.info("migration started for %d disks", len(disks))
    with multiprocessing.Pool(2) as pool:
        converted = pool.map(convert_disk, disks)
    plan = plan_migration(disks)
    report(converted)
    logging.shutdown()
    with open(LOG_PATH) as fh:
        text = fh.read()
    kept = "migration started" in text
    print("RESULT=%s %d" % (kept, len(plan)))
    if not kept:
        sys.exit(3)


if __name__ == "__main__":
    main()
