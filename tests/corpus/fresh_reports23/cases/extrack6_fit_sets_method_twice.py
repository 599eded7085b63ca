# family: start_method
# hazard: set-start-method-twice
# line: fr23kit/extrack_legacy.py:14 36
# files: fr23kit/extrack_legacy.py
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: https://github.com/vanTeeffelenLab/ExTrack/issues/6 -- "extrack.tracking calls multiprocessing.set_start_method('fork') twice which deactivates multi-threading": the module sets the start method at import and again before each fit; the second call raises "context has already been set", the library catches it and silently fits serially
"""Fit diffusion parameters to single-particle tracks read from a small track table (ExTrack-style CLI)."""
import argparse
import random
import sys
import warnings

from fr23kit import extrack_legacy as tracking


def simulate_tracks(n_tracks, length, sigma, seed):
    rng = random.Random(seed)
    tracks = []
    for _ in range(n_tracks):
        pos, track = 0.0, []
        for _ in range(length):
            pos += rng.gauss(0.0, sigma)
            track.append(round(pos, 4))
        tracks.append(track)
    return tracks


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tracks", type=int, default=24)
    parser.add_argument("--length", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    warnings.simplefilter("always")
    tracks = simulate_tracks(args.tracks, args.length, 0.3, seed=7)
    nll, mode = tracking.param_fitting(tracks, sigma=0.3, workers=args.workers)
    print(f"RESULT=mode={mode}")
    print(f"nll={nll}")
    # the user asked for workers > 1: a serial fit is not what was asked for
    if args.workers > 1 and mode != "parallel":
        sys.exit(3)


if __name__ == "__main__":
    main()
