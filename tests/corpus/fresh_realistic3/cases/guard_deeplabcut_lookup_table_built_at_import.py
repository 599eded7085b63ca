# family: guard
# hazard: missing-main-guard
# line: 30
# files: etlkit/parallel.py
# timeout: 8
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# note: https://github.com/DeepLabCut/DeepLabCut/issues/1362 (a test script whose module-level code starts multiprocessing work, re-run by every spawned child); here a module-level colour lookup table is computed with etlkit.parallel.run_parallel at import time
import sys

from etlkit.parallel import run_parallel


def gamma_entry(level):
    return round(255 * (level / 255) ** (1 / 2.2))


def to_display(pixels):
    return [GAMMA_TABLE[p] for p in pixels]


def load_frames(n=3, width=4):
    return [[(i * 37 + j * 64) % 256 for j in range(width)] for i in range(n)]


def mean_brightness(frames):
    flat = [p for frame in frames for p in frame]
    return sum(flat) / len(flat)


GAMMA_TABLE = run_parallel(gamma_entry, range(256))


def main():
    frame = [0, 64, 128, 255]
    shown = to_display(frame)
    frames = [to_display(f) for f in load_frames()]
    if mean_brightness(frames) <= mean_brightness(load_frames()):
        sys.exit(3)
    print("RESULT=%s" % shown)
    if shown[0] != 0 or shown[-1] != 255:
        sys.exit(3)


if __name__ == "__main__":
    main()
