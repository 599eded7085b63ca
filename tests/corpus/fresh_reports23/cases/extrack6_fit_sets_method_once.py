# family: start_method
# hazard: none
# line: none
# files: fr23kit/extrack.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/vanTeeffelenLab/ExTrack/issues/6 -- the maintainer's correction ("I just corrected this issue"): the start method is set once, at import, and the fit reuses what that call found, so the fit runs in a fork Pool as the user asked
"""Fit diffusion parameters to single-particle tracks read from a small track table (ExTrack-style CLI)."""
import argparse
import random
import sys
import warnings

from fr23kit import extrack as tracking


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
