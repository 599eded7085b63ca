# family: pathos
# hazard: unpicklable-argument
# line: 18
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: A sqlite3 connection passed along with each query to pathos' apipe; dill refuses it: TypeError: cannot pickle 'sqlite3.Connection' object. Modelled on https://github.com/noxdafox/pebble/issues/60 (a handle passed along with each task) and docs/pickle-catalog.md (sqlite3 connections fail with every serializer).
import sqlite3

from pathos.multiprocessing import ProcessPool


def query(conn, sql):
    return conn.execute(sql).fetchall()


if __name__ == "__main__":
    conn = sqlite3.connect(":memory:")
    pool = ProcessPool(nodes=2)
    result = pool.apipe(query, conn, "select 1")
    print("RESULT=" + str(result.get()))
