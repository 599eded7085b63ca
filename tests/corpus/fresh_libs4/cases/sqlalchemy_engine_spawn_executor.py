# family: args
# hazard: unpicklable-argument
# line: 25
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: sqlalchemy #10077 (https://github.com/sqlalchemy/sqlalchemy/issues/10077): an engine that is a local variable, disposed and then submitted to a ProcessPoolExecutor with a spawn context, fails with "Can't pickle local object 'create_engine.<locals>.connect'" under every default.
import concurrent.futures
import multiprocessing as mp
import os
import tempfile

from l4kit.db import make_engine, seed


def foo(engine):
    with engine.connect() as conn:
        return str(conn.exec_driver_sql("SELECT count(*) FROM items").scalar())


def main():
    path = os.path.join(tempfile.gettempdir(), "cockroach.db")
    seed(path)
    engine = make_engine(path)
    engine.dispose(close=True)
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn")) as executor:
        future = executor.submit(foo, engine)
        print("RESULT=" + future.result())


if __name__ == "__main__":
    main()
