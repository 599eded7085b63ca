# family: multiprocess
# hazard: process-started-at-import
# line: 23
# expect: fork=bootstrap_error+hang spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# timeout: 30
# note: A script that asks multiprocess (dill-based) for a spawn context explicitly "to be safe with threads", but creates the pool at module level. Spawned children re-import the script and create the pool again: "An attempt has been made to start a new process before the current process has finished its bootstrapping phase", even where fork is the default. Shape of https://github.com/uqfoundation/multiprocess/issues/19 (an unguarded module-level pool) and the Python docs' "Safe importing of main module" (https://docs.python.org/3/library/multiprocessing.html#the-spawn-and-forkserver-start-methods).
"""Checksum files of a fake directory tree in a spawn-context multiprocess pool."""
import hashlib
import zlib

import multiprocess as mp

FILES = {f"data/part-{i:02d}.bin": bytes(range(i, i + 64)) * 8 for i in range(10)}

ctx = mp.get_context("spawn")


def checksum(name):
    blob = FILES[name]
    return name, zlib.crc32(blob), hashlib.md5(blob).hexdigest()[:8]


pool = ctx.Pool(processes=2)
rows = pool.map(checksum, sorted(FILES))
pool.close()
pool.join()



def human(size):
    for unit in ("B", "KiB", "MiB"):
        if size < 1024:
            return f"{size:.0f} {unit}"
        size /= 1024
    return f"{size:.1f} GiB"


print("total size:", human(sum(len(b) for b in FILES.values())))
seen = {}
for name, crc, md5 in rows:
    seen.setdefault(md5, []).append(name)
dupes = {k: v for k, v in seen.items() if len(v) > 1}
for name, crc, md5 in rows:
    print(f"{name}  {crc:08x}  {md5}")
print(f"{len(dupes)} duplicate groups")
print("RESULT=" + str(len(rows)))
