# family: start_method
# hazard: start-method-set-after-library-fixed-context
# line: 47
# files: l27kit/__init__.py l27kit/progress.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: https://github.com/pytorch/vision/issues/544 -- "torchvision sets multiprocessing start_method": mp.set_start_method('spawn') raises "RuntimeError: context has already been set" after importing torchvision; the debugging in the thread finds tqdm behind it: tqdm's write lock is a multiprocessing RLock, and creating it fixes the default context; here the tool scans its manifest with a tqdm bar and only then asks for spawn, which fails the same way whatever the platform default is
"""Compute per-split image statistics for a dataset manifest in worker processes."""
import argparse
import multiprocessing as mp
from dataclasses import dataclass, field

from l27kit.progress import image_stats, scan_manifest, synth_manifest


@dataclass
class StatsJob:
    manifest: list
    workers: int = 2
    start_method: str = "spawn"
    stats: dict = field(default_factory=dict)


def summarise(results):
    means = [m for _, m, _ in results]
    stds = [s for _, _, s in results]
    return round(sum(means) / len(means), 4), round(sum(stds) / len(stds), 4)


def run(job):
    groups = scan_manifest(job.manifest)
    ctx = mp.get_context()
    with ctx.Pool(job.workers) as pool:
        for split, paths in sorted(groups.items()):
            job.stats[split] = summarise(pool.map(image_stats, paths))
    return job.stats


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--images", type=int, default=24)
    parser.add_argument("--start-method", default="spawn", choices=mp.get_all_start_methods())
    args = parser.parse_args()
    job = StatsJob(manifest=synth_manifest(args.images), workers=args.workers, start_method=args.start_method)
    preview = scan_manifest(job.manifest)
    print("splits:", ", ".join(f"{k}={len(v)}" for k, v in sorted(preview.items())))
    mp.set_start_method(job.start_method)
    stats = run(job)
    for split, (mean, std) in sorted(stats.items()):
        print(f"{split}: mean={mean} std={std}")
    print(f"RESULT={len(stats)}")


if __name__ == "__main__":
    main()
