# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: pandarallel #206 (https://github.com/nalepae/pandarallel/issues/206), the working shape: the lambda closes over the database path, and each call opens its own sqlite3 connection in the worker, so dill only pickles a string.
import os
import sqlite3
import tempfile

import pandas as pd
from pandarallel import pandarallel


def weighted_mean(group, path):
    conn = sqlite3.connect(path)
    weight = conn.execute("SELECT w FROM weights WHERE species = ?", (group["species"].iloc[0],)).fetchone()[0]
    conn.close()
    return float(group["petal"].mean() * weight)


def main():
    pandarallel.initialize(nb_workers=2, progress_bar=False, verbose=0)
    path = os.path.join(tempfile.gettempdir(), "weights.db")
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE IF NOT EXISTS weights (species TEXT PRIMARY KEY, w REAL)")
    conn.executemany("INSERT OR REPLACE INTO weights VALUES (?, ?)", [("setosa", 1.0), ("virginica", 2.0)])
    conn.commit()
    conn.close()
    iris = pd.DataFrame({"species": ["setosa", "setosa", "virginica", "virginica"], "petal": [1.0, 3.0, 2.0, 4.0]})
    means = iris.groupby("species").parallel_apply(lambda g: weighted_mean(g, path))
    print("RESULT=%.1f" % means.sum())


if __name__ == "__main__":
    main()
