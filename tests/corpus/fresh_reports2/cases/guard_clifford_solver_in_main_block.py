# family: guard
# hazard: target-in-main-block
# line: 36
# timeout: 12
# expect: fork=ok spawn=attribute_error_mp_main+hang forkserver=attribute_error_mp_main+hang
# note: Shape of https://github.com/orbita2d/clifford/issues/1 ("AttributeError: Can't get attribute 'solve_frame_p' on <module '__mp_main__' from ...", "Works OK with debug=True"; the author: "It's an issue with the mp library (which debug mode disables)"): the attractor script defines the per-frame solver inside its main block; the serial debug path calls it directly, the parallel path hands it to a Pool.
"""Render frames of a Clifford attractor, in parallel unless debugging."""
import math
import multiprocessing
import sys

debug = False


def clifford(x, y, a, b, c, d):
    return math.sin(a * y) + c * math.cos(a * x), math.sin(b * x) + d * math.cos(b * y)


def frame_params(n):
    return [(-1.4 + 0.01 * i, 1.6, 1.0, 0.7) for i in range(n)]


if __name__ == "__main__":
    def solve_frame_p(params):
        a, b, c, d = params
        x, y = 0.1, 0.1
        for _ in range(2000):
            x, y = clifford(x, y, a, b, c, d)
        return round(x, 3), round(y, 3)

    frames = frame_params(4)
    if debug:
        points = [solve_frame_p(p) for p in frames]
    else:
        with multiprocessing.Pool(2) as pool:
            points = pool.map(solve_frame_p, frames)
    print("RESULT=%d" % len(points))
    sys.exit(0)
