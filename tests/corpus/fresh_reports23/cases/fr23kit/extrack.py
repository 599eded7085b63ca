"""ExTrack-like tracking module after the fix of issue #6: one start-method call, remembered."""
import multiprocessing

try:
    multiprocessing.set_start_method("fork")
    _FORK_POOL = True
except RuntimeError:
    _FORK_POOL = multiprocessing.get_start_method() == "fork"


def _track_likelihood(args):
    track, sigma = args
    steps = [abs(b - a) for a, b in zip(track, track[1:])]
    return sum(s * s for s in steps) / (2 * sigma * sigma)


def param_fitting(tracks, sigma=0.5, workers=2):
    """Return (total negative log likelihood, mode) over all tracks."""
    jobs = [(t, sigma) for t in tracks]
    if _FORK_POOL:
        with multiprocessing.Pool(workers) as pool:
            parts = pool.map(_track_likelihood, jobs)
        return round(sum(parts), 6), "parallel"
    return round(sum(map(_track_likelihood, jobs)), 6), "serial"
