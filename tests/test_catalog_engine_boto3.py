"""Catalog entries measured in session 13 (scripts/probe_pickle.py): boto3 makes a client's class per service
(`botocore.client.Kinesis`), which pickle cannot find by name (botocore #636); a SQLAlchemy Engine on a database file
keeps a QueuePool, whose threading.RLock cloudpickle refuses (dask, joblib's loky: Meerschaum PR #39), while dill copies
it held for good, so the worker's first `engine.connect()` waits forever (pathos, multiprocess: dill #74). The catalog
records such a copy "unusable" and the serializer's verdict counts it as refused. Near misses: the client's settings,
the engine's URL, a threading.Lock (dill's copy of a Lock works) and an RLock alone (dill's copy is held too, but a
copy of an object holding an RLock is only blocked when the worker takes it: not reported). Proven under fork, spawn
and forkserver; the runtime tests skip when a library is absent and never import it here."""
import pytest
from helpers import found, run_program, skip_without

BOTO3 = """
from multiprocessing import Process, Queue

import boto3


def make_client(service, region="us-east-1"):
    return boto3.client(service, region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing")


def put_records(client, done):
    done.put(client if isinstance(client, str) else client.meta.region_name)


if __name__ == "__main__":
    client = make_client("kinesis")
    done = Queue()
    p = Process(target=put_records, args=(SENT, done))
    p.start()
    print("RESULT=" + done.get(timeout=30))
    p.join()
"""

DASK = """
import os
import tempfile
from functools import partial

import dask.bag as db
import sqlalchemy


def fetch(item, engine):
    return item if isinstance(engine, str) else engine.url.database and item


if __name__ == "__main__":
    url = "sqlite:///" + os.path.join(tempfile.mkdtemp(), "x.db")
    engine = sqlalchemy.create_engine(url)
    bag = db.from_sequence([1, 2, 3], npartitions=2)
    print("RESULT=%s" % sum(bag.map(partial(fetch, engine=SENT)).compute()))
"""

# The worker asks, without blocking, for the lock `engine.connect()` takes first (its QueuePool's queue mutex): a
# deadlock shown without waiting for one.
PATHOS = """
import os
import tempfile
import threading
from functools import partial

import sqlalchemy
from pathos.multiprocessing import ProcessingPool as Pool


def free(item, engine):
    if isinstance(engine, str):
        engine = sqlalchemy.create_engine(engine)
    lock = engine.pool._pool.mutex if hasattr(engine, "pool") else engine
    taken = lock.acquire(blocking=False)
    if taken:
        lock.release()
    return taken


if __name__ == "__main__":
    url = "sqlite:///" + os.path.join(tempfile.mkdtemp(), "x.db")
    engine = sqlalchemy.create_engine(url)
    pool = Pool(2)
    print("RESULT=%s" % all(pool.map(partial(free, engine=SENT), [1, 2])))
    pool.close()
    pool.join()
"""

PROGRAMS = {"boto3": BOTO3, "dask": DASK, "pathos": PATHOS}
# (library, what is sent) -> the code reported (None: nothing), the start methods it bites under
CASES = {
    ("boto3", "client"): ("MP203", {"spawn", "forkserver"}),
    ("boto3", "client.meta.region_name"): (None, set()),
    ("dask", "engine"): ("MP201", {"fork", "spawn", "forkserver"}),
    ("dask", "url"): (None, set()),
    ("pathos", "engine"): ("MP201", {"fork", "spawn", "forkserver"}),
    ("pathos", "url"): (None, set()),
    ("pathos", "threading.Lock()"): (None, set()),
    ("pathos", "threading.RLock()"): (None, set()),  # (blocked too, but said nothing of: see the module's doc)
}
MODULES = {"boto3": "boto3", "dask": "dask", "pathos": "pathos"}


def program(library, sent):
    return PROGRAMS[library].replace("SENT", sent)


@pytest.mark.parametrize("library, sent", sorted(CASES))
def test_reported(library, sent):
    code, _ = CASES[(library, sent)]
    findings = [f for f in found(program(library, sent), "MP201") + found(program(library, sent), "MP203")]
    assert [f.code for f in findings] == ([code] if code else [])


def test_messages_name_the_serializers_answer():
    (dask,) = found(program("dask", "engine"), "MP201")
    assert "cannot pickle '_thread.RLock' object" in dask.message and "dask, sent with cloudpickle" in dask.message
    (pathos,) = found(program("pathos", "engine"), "MP201")
    assert "dill copies it, but connect() blocks on the copy" in pathos.message
    (boto3,) = found(program("boto3", "client"), "MP203")
    assert "Can't pickle <class 'botocore.client.<Service>'>" in boto3.message
    assert set(boto3.start_methods) == {"spawn", "forkserver"}


def test_session_client_and_resource():
    src = """
    from multiprocessing import Pool

    import boto3


    def work(x):
        return x


    if __name__ == "__main__":
        session = boto3.session.Session()
        with Pool(2) as pool:
            pool.map(work, [session.client("s3")])
            pool.map(work, [boto3.resource("s3")])
            pool.map(work, [session.region_name])
    """
    assert sorted(f.start.row for f in found(src, "MP203")) == [14, 15]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("library, sent", sorted(CASES))
def test_runtime(tmp_path, library, sent, method):
    skip_without(MODULES[library])
    skip_without("sqlalchemy" if library != "boto3" else "botocore")
    code, bites = CASES[(library, sent)]
    path = tmp_path / "prog.py"
    path.write_text(program(library, sent))
    out = run_program(path, method, timeout=120)
    if library == "pathos":
        # the copy's lock: free for every near miss, held for good in dill's copy of the engine (and of an RLock)
        blocked = sent in ("engine", "threading.RLock()")
        assert out.returncode == 0 and f"RESULT={not blocked}" in out.stdout, out.stderr
    elif method in bites:
        assert out.returncode != 0 and ("cannot pickle '_thread.RLock' object" in out.stderr
                                        or "Can't pickle <class 'botocore.client.Kinesis'>" in out.stderr), out.stderr
    else:
        assert out.returncode == 0 and "RESULT=" in out.stdout, out.stderr


# A resource's sub-resources (`dynamodb.Table(name)`, `s3.Bucket(name)`) are made per service and resource too.
SUB_RESOURCE = """
from multiprocessing import Pool

import boto3


def work(x):
    return type(x).__name__


if __name__ == "__main__":
    keys = dict(region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
    table = boto3.resource("dynamodb", **keys).Table("users")
    bucket = boto3.session.Session(**keys).resource("s3").Bucket("reports")
    with Pool(2) as pool:
        print("RESULT=%s" % pool.map(work, [SENT]))
"""
SUB_CASES = {"table": True, "bucket": True, "table.name": False, "bucket.name": False}


@pytest.mark.parametrize("sent", sorted(SUB_CASES))
def test_sub_resources(sent):
    findings = found(SUB_RESOURCE.replace("SENT", sent), "MP203")
    assert len(findings) == (1 if SUB_CASES[sent] else 0)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("sent", sorted(SUB_CASES))
def test_sub_resources_runtime(tmp_path, sent, method):
    skip_without("boto3")
    path = tmp_path / "prog.py"
    path.write_text(SUB_RESOURCE.replace("SENT", sent))
    out = run_program(path, method, timeout=120)
    if SUB_CASES[sent]:
        assert out.returncode != 0 and "Can't pickle <class 'boto3.resources.factory." in out.stderr, out.stderr
    else:
        assert out.returncode == 0 and "RESULT=['str']" in out.stdout, out.stderr
