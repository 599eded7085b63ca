# family: guard
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The working form of https://github.com/orbita2d/clifford/issues/1 ("Can't get attribute 'solve_frame_p' on <module '__mp_main__'"): the per-frame solver is a module-level function, so spawned pool workers find it when they re-import the script; only the pool itself stays under the main guard.
"""Render frames of a Clifford attractor, in parallel unless debugging."""
import math
import multiprocessing
import sys

debug = False


def clifford(x, y, a, b, c, d):
    return math.sin(a * y) + c * math.cos(a * x), math.sin(b * x) + d * math.cos(b * y)


def frame_params(n):
    return [(-1.4 + 0.01 * i, 1.6, 1.0, 0.7) for i in range(n)]


def solve_frame_p(params):
    a, b, c, d = params
    x, y = 0.1, 0.1
    for _ in range(2000):
        x, y = clifford(x, y, a, b, c, d)
    return round(x, 3), round(y, 3)


if __name__ == "__main__":
    frames = frame_params(4)
    if debug:
        points = [solve_frame_p(p) for p in frames]
    else:
        with multiprocessing.Pool(2) as pool:
            points = pool.map(solve_frame_p, frames)
    print("RESULT=%d" % len(points))
    sys.exit(0)
