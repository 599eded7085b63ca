"""ExTrack-like tracking module after commit 3e342e5: the start method is set twice."""
import multiprocessing
import warnings

try:
    multiprocessing.set_start_method("fork")
except RuntimeError:
    pass


def _fork_pool_available():
    # the duplicated call: the start method was already set at import
    try:
        multiprocessing.set_start_method("fork")
        return True
    except RuntimeError:
        warnings.warn("could not set the start method; fitting tracks serially")
        return False


def _track_likelihood(args):
    track, sigma = args
    steps = [abs(b - a) for a, b in zip(track, track[1:])]
    return sum(s * s for s in steps) / (2 * sigma * sigma)


def param_fitting(tracks, sigma=0.5, workers=2):
    """Return (total negative log likelihood, mode) over all tracks."""
    jobs = [(t, sigma) for t in tracks]
    if _fork_pool_available():
        with multiprocessing.Pool(workers) as pool:
            parts = pool.map(_track_likelihood, jobs)
        return round(sum(parts), 6), "parallel"
    return round(sum(map(_track_likelihood, jobs)), 6), "serial"
