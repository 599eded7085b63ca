"""Catalog entries measured for fresh_libs6's blind misses (scripts/probe_pickle.py; issue 13, session 14): OpenCV's
VideoCapture and VideoWriter; google-cloud-storage's Client, and the Bucket and Blob made by `<Client>.bucket` and
`<Bucket>.blob` (built offline with anonymous credentials; the library refuses pickling on purpose); rich's Progress
and Console (their RLock); aiohttp's ClientSession; a deferred pymysql Connection; psycopg_pool's ConnectionPool
(open=False); pyarrow's ParquetFile, ParquetWriter and the write options `<ParquetFileFormat>.make_write_options()`
makes (the format itself pickles).

Each hazard is a value handed to `Pool.map`; each near miss is the fix (a name, a path, a mapping) or a value that
pickles. Static answers on source strings; the same programs run under fork, spawn and forkserver (skipped when the
library is not installed; the test process never imports it). The catalog holds these rows for Python 3.11 only
(measured there), which the other versions fall back to."""
import sys

import pytest
from helpers import assert_outcome, found, run_program

POOL = """
import multiprocessing
IMPORTS


def work(value):
    return 1


if __name__ == "__main__":
    PRE
    with multiprocessing.Pool(1) as pool:
        print("RESULT=%s" % sum(pool.map(work, [SENT])))
"""

GCS = ("from google.cloud import storage\nfrom google.auth.credentials import AnonymousCredentials")
GCS_CLIENT = 'client = storage.Client(project="p", credentials=AnonymousCredentials())'
GCS_ERROR = "Pickling client objects is explicitly not supported"
RLOCK = "TypeError: cannot pickle '_thread.RLock' object"
CLIP = ('import os, tempfile, numpy; path = os.path.join(tempfile.mkdtemp(), "c.avi"); '
        'w = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"MJPG"), 5, (16, 16)); '
        'w.write(numpy.zeros((16, 16, 3), numpy.uint8)); w.release()')
PARQUET = ('import os, tempfile; path = os.path.join(tempfile.mkdtemp(), "t.parquet"); '
           'pq.write_table(pa.table({"x": [1, 2]}), path)')
NO_REDUCE = "no default __reduce__ due to non-trivial __cinit__"

# name -> (module the test needs, imports, setup in the main block, what is sent, the error or None)
CASES = {
    "cv2_capture": ("cv2", "import cv2", CLIP, "cv2.VideoCapture(path)", "cannot pickle 'cv2.VideoCapture' object"),
    "cv2_capture_path": ("cv2", "import cv2", CLIP, "path", None),
    "gcs_client": ("google.cloud.storage", GCS, GCS_CLIENT, "client", GCS_ERROR),
    "gcs_bucket": ("google.cloud.storage", GCS, GCS_CLIENT, 'client.bucket("b")', GCS_ERROR),
    "gcs_blob": ("google.cloud.storage", GCS, GCS_CLIENT, 'client.bucket("b").blob("x.csv")', GCS_ERROR),
    "gcs_blob_path": ("google.cloud.storage", GCS, GCS_CLIENT, 'client.bucket("b").blob("x.csv").path', None),
    "rich_progress": ("rich", "from rich.progress import Progress", "", "Progress(auto_refresh=False)", RLOCK),
    "rich_console": ("rich", "from rich.console import Console", "", "Console(stderr=True)", RLOCK),
    "pymysql_connection": ("pymysql", "import pymysql", "",
                           'pymysql.connect(host="127.0.0.1", port=1, user="u", defer_connect=True)',
                           "cannot pickle 'SSLContext' object"),
    "pymysql_settings": ("pymysql", "import pymysql", "", 'dict(host="127.0.0.1", port=1, user="u")', None),
    "psycopg_pool": ("psycopg_pool psycopg", "from psycopg_pool import ConnectionPool", "",
                     'ConnectionPool("host=127.0.0.1 port=1", open=False)', RLOCK),
    "psycopg_conninfo": ("psycopg_pool psycopg", "from psycopg_pool import ConnectionPool", "", '"host=127.0.0.1 port=1"',
                         None),
    "parquet_file": ("pyarrow", "import pyarrow as pa\nimport pyarrow.parquet as pq", PARQUET, "pq.ParquetFile(path)",
                     NO_REDUCE),
    "parquet_table": ("pyarrow", "import pyarrow as pa\nimport pyarrow.parquet as pq", PARQUET, "pq.read_table(path)",
                      None),
    "parquet_write_options": ("pyarrow", "import pyarrow.dataset as ds", "fmt = ds.ParquetFileFormat()",
                              'fmt.make_write_options(compression="zstd")', "cannot be converted to a Python object"),
    "parquet_format": ("pyarrow", "import pyarrow.dataset as ds", "fmt = ds.ParquetFileFormat()", "fmt", None),
}


def program(name: str) -> str:
    _module, imports, pre, sent, _error = CASES[name]
    return POOL.replace("IMPORTS", imports).replace("PRE", pre or "pass").replace("SENT", sent)


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the catalog holds these rows for 3.11 (measured there)")
@pytest.mark.parametrize("name", sorted(CASES))
def test_static(name):
    hazard = CASES[name][4] is not None
    assert [f.code for f in found(program(name), "MP203")] == (["MP203"] if hazard else []), program(name)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_runtime(tmp_path, name, method):
    from helpers import skip_without
    for module in CASES[name][0].split():  # (psycopg_pool needs psycopg, which it does not install itself)
        skip_without(module.split(".")[0])
        if "." in module:
            skip_without(module)
    path = tmp_path / "prog.py"
    path.write_text(program(name))
    out = run_program(path, method, timeout=120)
    error = CASES[name][4]
    assert_outcome(out, error is not None, error, "RESULT=")
