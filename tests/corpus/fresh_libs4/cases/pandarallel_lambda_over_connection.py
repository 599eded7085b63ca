# family: callable
# hazard: unpicklable-callable
# line: 26
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: pandarallel #206 (https://github.com/nalepae/pandarallel/issues/206): "TypeError: cannot pickle 'sqlite3.Connection' object" from groupby(...).parallel_apply(lambda ...); pandarallel dill-dumps the user function, and this lambda closes over the sqlite3 connection that holds the weights.
import os
import sqlite3
import tempfile

import pandas as pd
from pandarallel import pandarallel


def weighted_mean(group, conn):
    weight = conn.execute("SELECT w FROM weights WHERE species = ?", (group["species"].iloc[0],)).fetchone()[0]
    return float(group["petal"].mean() * weight)


def main():
    pandarallel.initialize(nb_workers=2, progress_bar=False, verbose=0)
    conn = sqlite3.connect(os.path.join(tempfile.gettempdir(), "weights.db"))
    conn.execute("CREATE TABLE IF NOT EXISTS weights (species TEXT PRIMARY KEY, w REAL)")
    conn.executemany("INSERT OR REPLACE INTO weights VALUES (?, ?)", [("setosa", 1.0), ("virginica", 2.0)])
    conn.commit()
    iris = pd.DataFrame({"species": ["setosa", "setosa", "virginica", "virginica"], "petal": [1.0, 3.0, 2.0, 4.0]})
    means = iris.groupby("species").parallel_apply(lambda g: weighted_mean(g, conn))
    print("RESULT=%.1f" % means.sum())


if __name__ == "__main__":
    main()
