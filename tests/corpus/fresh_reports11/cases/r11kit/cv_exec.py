"""Parallel execution helpers of a volume library (reduced from cloudvolume/concurrency.py)."""
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor, as_completed

_progress_queue = None
_fs_lock = None


def _init_worker(progress_queue, fs_lock):
    global _progress_queue, _fs_lock
    _progress_queue = progress_queue
    _fs_lock = fs_lock


def _download_chunk(bbox):
    # the reduction "downloads" a chunk: the size of its bounding box
    x0, y0, x1, y1 = bbox
    voxels = (x1 - x0) * (y1 - y0)
    with _fs_lock:
        _progress_queue.put(1)
    return voxels


def parallel_execution(fn, items, parallel, progress_queue, fs_lock):
    ctx = mp.get_context("spawn")
    total = 0
    with ProcessPoolExecutor(max_workers=parallel, mp_context=ctx,
                             initializer=_init_worker,
                             initargs=(progress_queue, fs_lock)) as executor:
        futures = [executor.submit(fn, item) for item in items]
        for fut in as_completed(futures):
            total += fut.result()
    return total
