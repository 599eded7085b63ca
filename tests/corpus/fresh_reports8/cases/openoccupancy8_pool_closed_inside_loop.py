# family: poolctx
# hazard: pool-used-after-close
# line: 31
# expect: fork=error:ValueError spawn=error:ValueError forkserver=error:ValueError
# note: https://github.com/JeffWang987/OpenOccupancy/issues/8 -- tools/gen_data/gen_depth_gt.py fails after a while with "ValueError: Pool not running" at po.apply_async(func=worker, args=(info, )): the pool is closed inside the loop that submits the scenes
import os
import sys
import tempfile
from multiprocessing import Pool

OUT_DIR = os.path.join(tempfile.gettempdir(), "r8_occ_depth")


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
