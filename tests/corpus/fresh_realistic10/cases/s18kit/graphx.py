"""Code-graph extraction with a process pool for large batches and a sequential fallback."""
import concurrent.futures
import sys

PARALLEL_THRESHOLD = 8


def _extract_single_file(path):
    nodes = [path] + ["%s::f%d" % (path, i) for i in range(len(path) % 4 + 1)]
    return path, nodes


def _extract_sequential(paths):
    return dict(_extract_single_file(p) for p in paths)


def _extract_parallel(paths, max_workers):
    out = {}
    try:
        with concurrent.futures.ProcessPoolExecutor(max_workers=max_workers) as pool:
            for path, nodes in pool.map(_extract_single_file, paths):
                out[path] = nodes
    except concurrent.futures.process.BrokenProcessPool:
        print("  warning: parallel extraction failed (BrokenProcessPool); falling back to sequential",
              file=sys.stderr)
        return None
    return out


def extract(paths, parallel=True, max_workers=2):
    result = None
    if parallel and len(paths) >= PARALLEL_THRESHOLD:
        result = _extract_parallel(paths, max_workers)
    if result is None:
        result = _extract_sequential(paths)
    return {"nodes": sum(len(v) for v in result.values()), "files": len(result)}
