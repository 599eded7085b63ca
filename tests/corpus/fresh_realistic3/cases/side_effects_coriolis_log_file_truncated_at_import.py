# family: side_effects
# hazard: import-side-effect
# line: 13
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: https://github.com/cloudbase/coriolis/pull/492 (spawned children run the module's logging set-up again and create or clobber log files; the fix disables file handlers in children); here a conversion tool calls logging.basicConfig(filename=..., filemode="w") at module level, so each re-imported child truncates the run log
import logging
import multiprocessing
import os
import sys
import tempfile

LOG_PATH = os.path.join(tempfile.gettempdir(), "convert.log")
logging.basicConfig(filename=LOG_PATH, filemode="w", level=logging.INFO, format="%(processName)s %(message)s")
log = logging.getLogger("convert")


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
