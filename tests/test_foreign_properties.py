"""Reading a property of an object of another project module's class gives what the property's getter returns
(wool-labs/wool #60, fresh_reports25 wool60: `credentials.server_credentials`, a property of a picklable dataclass
that builds an `ssl.SSLContext`, kept on a Process subclass's `self`: "cannot pickle 'SSLContext' object" under
spawn and forkserver). The getter's refused returns are judged in its own module (`ModuleSummary.results` of
"Class.name"), also for a property a project base class defines and for `functools.cached_property`.

Near misses: a property that returns a plain value built from the object's fields, the dataclass itself sent (its
properties run only where they are read), and a plain method's result read by name (no call: a bound method of a
picklable object)."""
import pytest
from helpers import assert_outcome, run_program

from test_semantic_crossmodule import findings, project

CREDS = """
    import functools
    import sqlite3
    import ssl
    from dataclasses import dataclass


    @dataclass(frozen=True)
    class Credentials:
        ca_path: str
        mutual: bool = True

        @property
        def server(self):
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.verify_mode = ssl.CERT_REQUIRED if self.mutual else ssl.CERT_NONE
            return ctx

        @property
        def label(self):
            return "mtls" if self.mutual else "tls"

        def describe(self):
            return self.ca_path


    class Store:
        def __init__(self, path):
            self.path = path

        @functools.cached_property
        def connection(self):
            return sqlite3.connect(self.path)
"""

# a subclass in a third module inherits the property from its project base
MUTUAL = """
    from secure.creds import Credentials


    class MutualCredentials(Credentials):
        def peer(self):
            return self.ca_path
"""

PROCESS_MAIN = """
    import multiprocessing

    from secure.creds import Credentials, Store
    from secure.mutual import MutualCredentials


    def serve(value):
        print("RESULT=%s" % type(value).__name__)


    def launch(value):
        proc = multiprocessing.Process(target=serve, args=(value,))
        proc.start()
        proc.join()
        return proc.exitcode


    def main():
        creds = MAKE
        return launch(READ)


    if __name__ == "__main__":
        raise SystemExit(main())
"""

SSL = ("SSL context", "cannot pickle 'SSLContext' object")
SQLITE = ("sqlite3", "cannot pickle 'sqlite3.Connection' object")
CASES = {  # name -> (how the object is made, what is read and sent, (what, error) or None)
    "property of a dataclass": ('Credentials("ca.pem")', "creds.server", SSL),
    "property inherited from a base of another module": ('MutualCredentials("ca.pem")', "creds.server", SSL),
    "cached_property": ('Store(":memory:")', "creds.connection", SQLITE),
    "property giving a string": ('Credentials("ca.pem")', "creds.label", None),
    "the dataclass itself": ('MutualCredentials("ca.pem")', "creds", None),
    "a plain method, not called": ('Credentials("ca.pem")', "creds.describe", None),
}


def _project(root, name):
    make, read, _bad = CASES[name]
    main = PROCESS_MAIN.replace("MAKE", make).replace("READ", read)
    return project(root, {"secure/__init__.py": "", "secure/creds.py": CREDS, "secure/mutual.py": MUTUAL,
                          "main.py": main})


@pytest.mark.parametrize("name", sorted(CASES))
def test_static(tmp_path, name):
    root = _project(tmp_path, name)
    found = findings(root / "main.py", "MP203")
    bad = CASES[name][2]
    if bad:
        assert found and bad[0] in found[0].message and bad[1] in found[0].message, found
        assert f"what `.{CASES[name][1].split('.')[1]}` of a" in found[0].message
    else:
        assert found == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", ["property of a dataclass", "property inherited from a base of another module",
                                  "property giving a string"])
def test_runtime(tmp_path, name, method):
    root = _project(tmp_path, name)
    out = run_program(root / "main.py", method, cwd=root, timeout=30)
    bad = CASES[name][2] if method != "fork" else None  # (fork hands the arguments over without pickling)
    assert_outcome(out, bad is not None, bad[1] if bad else None, "RESULT=")


KEPT_MAIN = """
    import multiprocessing

    from secure.creds import Credentials


    class Worker(multiprocessing.Process):
        def __init__(self, ready, context):
            super().__init__()
            self.ready = ready
            self.context = context

        def run(self):
            self.ready.put(self.context is not None)


    class Launcher:
        def __init__(self, credentials=None):
            self.ready = multiprocessing.Queue()
            self.context = credentials.server if credentials is not None else None
            self.worker = Worker(self.ready, self.context)

        def start(self):
            self.worker.start()
            return self.ready.get(timeout=20)


    if __name__ == "__main__":
        print("RESULT=%s" % Launcher(credentials=Credentials("ca.pem")).start())
"""


def test_kept_by_a_process_subclass_from_a_parameter(tmp_path):
    """The wool shape in other words: the property read on a parameter the callers fill, kept on a Process
    subclass of the caller's own module."""
    root = project(tmp_path, {"secure/__init__.py": "", "secure/creds.py": CREDS, "secure/mutual.py": MUTUAL,
                              "main.py": KEPT_MAIN})
    found = findings(root / "main.py", "MP203")
    assert found and "SSLContext" in found[0].message, found
