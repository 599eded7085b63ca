"""Stand-in for sea_ice_drift.pmlib: pattern matching in a pool of workers."""
import multiprocessing

shared_args = None


def _match_point(point):
    img1, img2, offset = shared_args
    return point + img1[point % len(img1)] - img2[point % len(img2)] + offset


def pattern_matching(points, img1, img2, offset=0, threads=2):
    def _init_pool(*args):
        global shared_args
        shared_args = args

    with multiprocessing.Pool(threads, initializer=_init_pool, initargs=(img1, img2, offset)) as pool:
        return pool.map(_match_point, points)
