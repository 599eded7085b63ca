"""Catalog entries measured for fresh_libs5's blind misses (scripts/probe_pickle.py; issue 13): lxml documents,
elements, the lists findall() gives and parsers; a SQLAlchemy ORM Session; psycopg2's ThreadedConnectionPool (its
lock; SimpleConnectionPool pickles); kafka-python's KafkaProducer; urllib3's PoolManager; a compiled jinja2 Template
(`jinja2.Template`, `<Environment>.from_string`; the Environment pickles); pymongo's Database and Collection made by
subscript (`client["db"]`, `client["db"]["coll"]`: the catalog's `<MongoClient>.__getitem__` and
`<Database>.__getitem__`); a botocore Session, refused by pickle only; a `logging.Logger(name)` made directly (cloudpickle
sends it as `getLogger(name)`).

Each hazard is a value handed to `Pool.map` (pickle) or to joblib's loky backend (cloudpickle); each near miss is the
fix or a value that pickles. Static answers on source strings; the same programs run under fork, spawn and
forkserver (skipped when the library is not installed; the test process never imports it)."""
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

LOKY = """
from joblib import Parallel, delayed
IMPORTS


def work(value):
    return 1


if __name__ == "__main__":
    PRE
    print("RESULT=%s" % sum(Parallel(n_jobs=2)(delayed(work)(v) for v in [SENT, SENT])))
"""

PAGE = 'b"<page><line>a</line><line>b</line></page>"'
XML_FILE = ('import os, tempfile; path = os.path.join(tempfile.mkdtemp(), "p.xml"); '
            f'open(path, "wb").write({PAGE})')
ELEMENT = "TypeError: cannot pickle 'lxml.etree._Element' object"
LOCK = "TypeError: cannot pickle '_thread.lock' object"
RLOCK = "TypeError: cannot pickle '_thread.RLock' object"

# name -> (program, module the test needs, imports, setup in the main block, what is sent, the error or None)
CASES = {
    "lxml_parse": (POOL, "lxml", "from lxml import etree", XML_FILE, "etree.parse(path)",
                   "TypeError: cannot pickle 'lxml.etree._ElementTree' object"),
    "lxml_fromstring": (POOL, "lxml", "from lxml import etree", "", f"etree.fromstring({PAGE})", ELEMENT),
    "lxml_findall_list": (POOL, "lxml", "from lxml import etree", f"root = etree.fromstring({PAGE})",
                          'root.findall("line")', ELEMENT),
    "lxml_getroot_find": (POOL, "lxml", "from lxml import etree", XML_FILE,
                          'etree.parse(path).getroot().find("line")', ELEMENT),
    "lxml_html_parser": (POOL, "lxml", "from lxml import etree", "", "etree.HTMLParser(recover=True)",
                         "TypeError: cannot pickle 'lxml.etree.HTMLParser' object"),
    "lxml_element_loky": (LOKY, "lxml", "from lxml import etree", f"root = etree.fromstring({PAGE})", "root",
                          ELEMENT),
    "lxml_xpath_text": (POOL, "lxml", "from lxml import etree", f"root = etree.fromstring({PAGE})",
                        'root.xpath("//line/text()")', None),
    "lxml_tostring": (POOL, "lxml", "from lxml import etree", f"root = etree.fromstring({PAGE})",
                      "etree.tostring(root)", None),
    "sqlalchemy_session": (POOL, "sqlalchemy", "from sqlalchemy import create_engine\nfrom sqlalchemy.orm import Session",
                           'engine = create_engine("sqlite://")', "Session(engine)",
                           "TypeError: cannot pickle 'weakref.ReferenceType' object"),
    "sqlalchemy_url": (POOL, "sqlalchemy", "from sqlalchemy import create_engine\nfrom sqlalchemy.orm import Session",
                       'url = "sqlite://"', "url", None),
    "psycopg2_threaded_pool": (POOL, "psycopg2", "from psycopg2 import pool as pgpool", "",
                               'pgpool.ThreadedConnectionPool(0, 2, "dbname=x")', LOCK),
    "psycopg2_simple_pool": (POOL, "psycopg2", "from psycopg2 import pool as pgpool", "",
                             'pgpool.SimpleConnectionPool(0, 2, "dbname=x")', None),
    "kafka_producer": (POOL, "kafka", "from kafka import KafkaProducer",
                       'producer = KafkaProducer(bootstrap_servers="localhost:9", api_version=(2, 0, 0))',
                       "producer", RLOCK),
    "kafka_config": (POOL, "kafka", "from kafka import KafkaProducer",
                     'config = dict(bootstrap_servers="localhost:9", api_version=(2, 0, 0))', "config", None),
    "urllib3_pool_manager": (POOL, "urllib3", "import urllib3", "", "urllib3.PoolManager(num_pools=4)", RLOCK),
    "urllib3_retry": (POOL, "urllib3", "import urllib3", "", "urllib3.Retry(total=2)", None),
    "jinja2_template": (POOL, "jinja2", "import jinja2", "", 'jinja2.Template("Hi {{ name }}")',
                        "attribute lookup root on __main__ failed"),
    "jinja2_from_string": (POOL, "jinja2", "import jinja2", "env = jinja2.Environment()",
                           'env.from_string("Hi {{ name }}")', "attribute lookup root on __main__ failed"),
    "jinja2_environment": (POOL, "jinja2", "import jinja2", "env = jinja2.Environment()", "env", None),
    # cloudpickle dumps it, but the worker cannot load the copy (Template.__new__ needs the source)
    "jinja2_template_loky": (LOKY, "jinja2", "import jinja2", 'template = jinja2.Template("Hi {{ name }}")',
                             "template", "Template.__new__() missing 1 required positional argument: 'source'"),
    "jinja2_environment_loky": (LOKY, "jinja2", "import jinja2", "env = jinja2.Environment()", "env", None),
    "pymongo_database": (POOL, "pymongo", "import pymongo", "client = pymongo.MongoClient(connect=False)",
                         'client["db"]', LOCK),
    "pymongo_collection": (POOL, "pymongo", "import pymongo", "client = pymongo.MongoClient(connect=False)",
                           'client["db"]["items"]', LOCK),
    "pymongo_names": (POOL, "pymongo", "import pymongo", "client = pymongo.MongoClient(connect=False)",
                      '("db", "items")', None),
    # dbt-fal PR #777: a logger made directly is not registered, and Logger.__reduce__ refuses it; getLogger's pickles
    # by name, and cloudpickle sends a direct one as getLogger(name)
    "logger_direct": (POOL, "logging", "import logging", 'log = logging.Logger("fal")', "log",
                      "PicklingError: logger cannot be pickled"),
    "logger_get": (POOL, "logging", "import logging", 'log = logging.getLogger("fal")', "log", None),
    "logger_direct_loky": (LOKY, "logging", "import logging", 'log = logging.Logger("fal")', "log", None),
    "botocore_session": (POOL, "botocore", "import botocore.session", "session = botocore.session.get_session()",
                         "session", ("Can't pickle local object '_createenviron.<locals>.encode'",
                                     "Can't get local object '_createenviron.<locals>.encode'")),
    "botocore_session_loky": (LOKY, "botocore", "import botocore.session",
                              "session = botocore.session.get_session()", "session", None),
}


def program(name: str) -> str:
    template, _module, imports, pre, sent, _error = CASES[name]
    return template.replace("IMPORTS", imports).replace("PRE", pre or "pass").replace("SENT", sent)


@pytest.mark.parametrize("name", sorted(CASES))
def test_static(name):
    hazard = CASES[name][5] is not None
    assert [f.code for f in found(program(name), "MP203")] == (["MP203"] if hazard else []), program(name)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_runtime(tmp_path, name, method):
    from helpers import skip_without
    skip_without(CASES[name][1])
    if CASES[name][0] is LOKY:
        skip_without("joblib")
    path = tmp_path / "prog.py"
    path.write_text(program(name))
    out = run_program(path, method, timeout=120)
    error = CASES[name][5]
    assert_outcome(out, error is not None, error, "RESULT=")


# A worker that re-raises the lxml exception it caught (trafilatura #420): the exception keeps the parser's error log
# (a _ListErrorLog), which pickle refuses, so the worker cannot send it back. Near misses: the message returned, the
# exception caught again around the handler by a base class.
RERAISE = """
import concurrent.futures

from lxml import etree


def extract(document):
    try:
        root = etree.fromstring(document)
    except etree.XMLSyntaxError as exc:
        HANDLER
    return len(root)


if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as executor:
        print("RESULT=%s" % list(executor.map(extract, [b"<a><b/></a>", b"<a><b></a>"])))
"""
OUTER = """
import concurrent.futures

from lxml import etree


def parse(document):
    try:
        return len(etree.fromstring(document))
    except etree.XMLSyntaxError:
        raise


def extract(document):
    try:
        return parse(document)
    except etree.LxmlError as exc:
        return str(exc)[:5]


if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as executor:
        print("RESULT=%s" % list(executor.map(extract, [b"<a><b/></a>", b"<a><b></a>"])))
"""
RAISES = {"bare_raise": (RERAISE.replace("HANDLER", "raise"), True),
          "raise_as_name": (RERAISE.replace("HANDLER", "raise exc"), True),
          "message_returned": (RERAISE.replace("HANDLER", "return str(exc)[:5]"), False),
          "caught_by_base_outside": (OUTER, False)}


@pytest.mark.parametrize("name", sorted(RAISES))
def test_reraised_lxml_exception(name):
    src, hazard = RAISES[name]
    assert [f.code for f in found(src, "MP208")] == (["MP208"] if hazard else []), src


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(RAISES))
def test_reraised_lxml_exception_runtime(tmp_path, name, method):
    from helpers import skip_without
    skip_without("lxml")
    src, hazard = RAISES[name]
    path = tmp_path / "prog.py"
    path.write_text(src)
    out = run_program(path, method, timeout=60)
    assert_outcome(out, hazard, "cannot pickle 'lxml.etree._ListErrorLog' object", "RESULT=")
