# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: SQLAlchemy's pooling documentation linked from sqlalchemy #10077 (https://github.com/sqlalchemy/sqlalchemy/issues/10077): give the child the URL, not the engine; each spawn-context worker builds its engine in the initializer with l4kit.db.make_engine and keeps it in a module global.
import concurrent.futures
import multiprocessing as mp
import os
import tempfile

from l4kit.db import make_engine, seed

_engine = None


def init_worker(path):
    global _engine
    _engine = make_engine(path)


def foo(table):
    with _engine.connect() as conn:
        return str(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar())


def main():
    path = os.path.join(tempfile.gettempdir(), "cockroach.db")
    seed(path)
    ctx = mp.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=ctx,
                                                initializer=init_worker, initargs=(path,)) as executor:
        print("RESULT=" + executor.submit(foo, "items").result())


if __name__ == "__main__":
    main()
