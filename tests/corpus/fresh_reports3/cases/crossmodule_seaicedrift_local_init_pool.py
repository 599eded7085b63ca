# family: crossmodule
# hazard: unpicklable-callable
# line: 14
# files: sidkit/__init__.py sidkit/seaicedrift.py sidkit/pmlib.py
# timeout: 15
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/nansencenter/sea_ice_drift/issues/30 ("AttributeError: Can't pickle local object 'pattern_matching.<locals>._init_pool'" running examples/simple.py on Windows, Python 3.11): the example script calls SeaIceDrift.get_drift_PM, which calls pmlib.pattern_matching, which creates a Pool whose initializer is a function defined inside pattern_matching (it stores the images in a module global for the workers). Reduced: sidkit stands for the library; images are short lists.
"""Estimate sea-ice drift between two SAR images with pattern matching."""
from sidkit import SeaIceDrift


if __name__ == "__main__":
    sid = SeaIceDrift("S1B_EW_GRDM_1SDH_20200123.SAFE", "S1B_EW_GRDM_1SDH_20200124.SAFE")
    upm = sid.get_drift_PM(list(range(10)), hws=35, threads=2)
    print("RESULT=%d" % sum(upm))
