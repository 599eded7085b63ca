# family: poolctx
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/JeffWang987/OpenOccupancy/issues/8 -- the script as fixed upstream: every scene is submitted first, then the pool is closed and joined once, and each result is fetched
import os
import sys
import tempfile
from multiprocessing import Pool

OUT_DIR = os.path.join(tempfile.gettempdir(), "r8_occ_depth_ok")


def worker(info):
    path = os.path.join(OUT_DIR, f"{info['token']}.txt")
    with open(path, "w") as fh:
        fh.write(" ".join(str(d * info["scale"]) for d in range(8)))
    return info["token"]


def load_infos(n):
    return [{"token": f"sample{i:03d}", "scale": 0.5 + i} for i in range(n)]


if __name__ == "__main__":
    os.makedirs(OUT_DIR, exist_ok=True)
    infos = load_infos(6)
    po = Pool(2)
    results = []
    for info in infos:
        results.append(po.apply_async(func=worker, args=(info,)))
    po.close()
    po.join()
    done = sorted(r.get() for r in results)
    print(f"RESULT={len(done)}")
    if len(done) != len(infos):
        sys.exit(3)
