"""distributed's `Client.submit` / `Client.map` as a task boundary (boundaries.json `distributed.Client` `tasks`): the
function and arguments are serialised with cloudpickle whatever the cluster, also a `LocalCluster(processes=False)` of
threads in this process or a client given a cluster or an address (distributed #2056; fresh_libs5
distributed_threads_cluster_submit_element). A value cloudpickle refuses (an lxml element) is reported; a value it takes
(bytes, a lambda, a jinja2 Environment) is not. Static answers on source strings; the programs run under fork, spawn
and forkserver (skipped without distributed and lxml; the test process imports neither)."""
import pytest
from helpers import assert_outcome, found, run_program

PROGRAM = """
from distributed import Client, LocalCluster
from lxml import etree

OME = b"<ome><image id='a' sizeX='512'/><image id='b' sizeX='256'/></ome>"


def width(value):
    return 1


def run():
    root = etree.fromstring(OME)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=PROCESSES,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        CALL
        return sum(client.gather(futures))


if __name__ == "__main__":
    print("RESULT=%d" % run())
"""

SUBMIT = 'futures = [client.submit(width, SENT, key="w-%d" % n) for n, image in enumerate(root.findall("image"))]'
MAP = 'futures = client.map(width, [SENT for image in root.findall("image")], key=["w-0", "w-1"])'
# client.map tokenizes its arguments first: an element fails there (dask's tokenizer pickles it) before serialisation
ERROR = ("cannot pickle 'lxml.etree._Element' object", "TokenizationError: Failed to tokenize deterministically")

# name -> (processes=, the call, what is sent, hazard)
CASES = {
    "threads_submit_element": ("False", SUBMIT, "image", True),
    "threads_map_element": ("False", MAP, "image", True),
    "processes_submit_element": ("True", SUBMIT, "image", True),
    "threads_submit_bytes": ("False", SUBMIT, "etree.tostring(image)", False),
    "threads_map_bytes": ("False", MAP, "etree.tostring(image)", False),
    "processes_submit_bytes": ("True", SUBMIT, "etree.tostring(image)", False),
}


def program(name: str) -> str:
    processes, call, sent, _hazard = CASES[name]
    return PROGRAM.replace("PROCESSES", processes).replace("CALL", call.replace("SENT", sent))


@pytest.mark.parametrize("name", sorted(CASES))
def test_static(name):
    assert [f.code for f in found(program(name), "MP203")] == (["MP203"] if CASES[name][3] else []), program(name)


def test_client_at_an_address_and_lambdas():
    src = """
    import threading
    from distributed import Client


    def main():
        client = Client("tcp://127.0.0.1:8786")
        lock = threading.Lock()
        client.submit(lambda x: x + 1, 1)
        client.map(print, [1, 2])
        client.submit(print, lock)
    """
    assert [(f.code, f.start.row) for f in found(src, "MP203")] == [("MP203", 11)]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_runtime(tmp_path, name, method):
    from helpers import skip_without
    skip_without("distributed")
    skip_without("lxml")
    path = tmp_path / "prog.py"
    path.write_text(program(name))
    out = run_program(path, method, timeout=180)
    assert_outcome(out, CASES[name][3], ERROR, "RESULT=2")


STARRED = """
import threading
from concurrent.futures import ProcessPoolExecutor


def func(*values):
    return len(values)


if __name__ == "__main__":
    values = [1, 2, 3]
    lock = threading.Lock()
    with ProcessPoolExecutor(1) as ex:
        print("RESULT=%s" % ex.submit(func, SENT).result())
"""
# `submit(f, *(x for x in xs))` sends the generator's items, not the generator (joblib's test_dask.py: client.submit(
# func, *(scattered.get(id(arg), arg) for arg in args))); the items themselves are still judged
STARRED_CASES = {"*(v for v in values)": False, "*[v for v in values]": False, "*(lock for _ in values)": True,
                 "*[lock]": True}


@pytest.mark.parametrize("sent", sorted(STARRED_CASES))
def test_starred_arguments_send_their_items(sent):
    assert [f.code for f in found(STARRED.replace("SENT", sent), "MP203")] == (["MP203"] if STARRED_CASES[sent] else [])


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("sent", sorted(STARRED_CASES))
def test_starred_arguments_runtime(tmp_path, sent, method):
    path = tmp_path / "prog.py"
    path.write_text(STARRED.replace("SENT", sent))
    out = run_program(path, method, timeout=60)
    assert_outcome(out, STARRED_CASES[sent], "cannot pickle '_thread.lock' object", "RESULT=3" if "lock" not in sent
                   else "RESULT=1")
