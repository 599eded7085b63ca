# family: pandarallel
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: A function of the script that reads a module-level sqlite3 connection: dill sends a function of __main__ with a reference to the module's globals, and the forked workers inherit the connection (cloudpickle would copy the global and fail: compare joblib_loky_global_lock). Modelled on https://github.com/nalepae/pandarallel/issues/206 (a sqlite3 connection used from parallel_apply), with the connection kept global.
import sqlite3

import pandas as pd
from pandarallel import pandarallel

CONN = sqlite3.connect(":memory:")


def lookup(x):
    return CONN.execute("select ? * 2", (int(x),)).fetchone()[0]


if __name__ == "__main__":
    pandarallel.initialize(nb_workers=2, progress_bar=False, verbose=0)
    s = pd.Series(range(10))
    print("RESULT=" + str(s.parallel_map(lookup).sum()))
