# family: joblib
# hazard: child-mutates-global
# line: 25
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# timeout: 40
# note: stackoverflow 11055303 ("multiprocessing global variable updates not returned to parent") with joblib's default loky backend: a memo dict filled inside the task stays empty in the parent; cloudpickle ships a copy of the dict with the function.
"""Geocode place names with a memo cache, then report what was cached."""
import sys

from joblib import Parallel, delayed

_GEOCACHE = {}

COORDS = {
    "oslo": (59.91, 10.75),
    "lima": (-12.04, -77.04),
    "pune": (18.52, 73.86),
    "kiev": (50.45, 30.52),
}


def geocode(place):
    key = place.strip().lower()
    if key not in _GEOCACHE:
        _GEOCACHE[key] = COORDS.get(key, (0.0, 0.0))
    return _GEOCACHE[key]


def main():
    places = ["Oslo", "Lima ", "pune", "Kiev"]
    coords = Parallel(n_jobs=2)(delayed(geocode)(p) for p in places)
    print(f"geocoded {len(coords)} places")
    cached = sorted(_GEOCACHE)
    print(f"RESULT={cached}")
    if cached != ["kiev", "lima", "oslo", "pune"]:
        sys.exit(3)


if __name__ == "__main__":
    main()
