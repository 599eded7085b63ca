# family: pandarallel
# hazard: unpicklable-argument
# line: 21
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# timeout: 20
# note: The connection is handed to the workers as an extra argument (args=): pandarallel sends the arguments through its pool with pickle (Pool.starmap_async), which refuses a sqlite3 connection; the parent then waits for progress that never comes. Modelled on https://github.com/nalepae/pandarallel/issues/206 (TypeError: cannot pickle 'sqlite3.Connection' object).
import sqlite3

import pandas as pd
from pandarallel import pandarallel


def lookup(row, conn):
    return conn.execute("select ? * 2", (int(row.a),)).fetchone()[0]


if __name__ == "__main__":
    pandarallel.initialize(nb_workers=2, progress_bar=False, verbose=0)
    conn = sqlite3.connect(":memory:")
    df = pd.DataFrame({"a": range(10)})
    res = df.parallel_apply(lookup, axis=1, args=(conn,))
    print("RESULT=" + str(res.sum()))
