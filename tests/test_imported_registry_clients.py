"""An imported class's state followed across module hops, and a registry another module's class decorator fills
(fresh_realistic10 vdbbench497_loader_eager_client, VectorDBBench #497).

(a) `Backend(...)` of module `kit.backends` whose constructor stores `Session(url)`, a class `kit.backends` imported
from `kit.wire` (its base too): the session's RLock travels with the backend (two module hops).
(b) `wire.BACKENDS[name](settings)`, where `@wire.enlist` (`BACKENDS[cls.kind] = cls`) fills the table in a module the
program imports only for that side effect, and `name` is an argparse default: the class registered under it.
Near misses: the lazy backend (connects in the worker), the other key, a class whose key is not a constant."""
from __future__ import annotations

import pytest
from helpers import run_program
from test_semantic_crossmodule import findings, project

WIRE = """
    \"\"\"A wire-protocol session and the backends' registry.\"\"\"
    import threading

    BACKENDS = {}


    def enlist(cls):
        BACKENDS[cls.kind] = cls
        return cls


    class Session:
        def __init__(self, url):
            self.url = url
            self._send_lock = threading.RLock()
            self.sent = 0

        def send(self, rows):
            with self._send_lock:
                self.sent += len(rows)
                return len(rows)


    class Backend:
        kind = "abstract"

        def __init__(self, settings):
            self.settings = settings

        def write(self, rows):
            raise NotImplementedError


    @enlist
    class LazyBackend(Backend):
        kind = "lazy"

        def write(self, rows):
            return Session(self.settings["url"]).send(rows)
"""

BACKENDS = """
    \"\"\"A backend that opens its session when made.\"\"\"
    from kit.wire import Backend, Session, enlist


    @enlist
    class EagerBackend(Backend):
        kind = "eager"

        def __init__(self, settings):
            super().__init__(settings)
            self.session = Session(settings["url"])

        def write(self, rows):
            return self.session.send(rows)
"""

# (b) the registry, looked up with an argparse default; the backends module imported for its side effect
EXPORTER = """
    import argparse
    import sys
    from concurrent.futures import ProcessPoolExecutor

    from kit import wire
    from kit import backends  # noqa: F401  enlists "eager"


    class Exporter:
        def __init__(self, name, settings):
            self.backend = wire.BACKENDS[name](settings)

        def export(self, rows):
            return self.backend.write(rows)

        def run(self, batches):
            with ProcessPoolExecutor(max_workers=2) as pool:
                return sum(pool.map(self.export, batches))


    def main(argv):
        parser = argparse.ArgumentParser()
        parser.add_argument("--backend", default="KEY")
        args = parser.parse_args(argv)
        total = Exporter(args.backend, {"url": "wire://db"}).run([[1, 2], [3], [4, 5, 6]])
        print("RESULT=%d" % total)
        return 0 if total == 6 else 3


    if __name__ == "__main__":
        sys.exit(main(sys.argv[1:]))
"""

# (a) the class written out, handed straight to a spawn-context executor
DIRECT = """
    import multiprocessing as mp
    import sys
    from concurrent.futures import ProcessPoolExecutor

    from kit.backends import EagerBackend
    from kit.wire import LazyBackend


    def export(backend, rows):
        return len(rows)


    if __name__ == "__main__":
        with ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn")) as pool:
            total = pool.submit(export, CLASS({"url": "wire://db"}), [1, 2, 3]).result()
        print("RESULT=%d" % total)
        sys.exit(0 if total == 3 else 3)
"""

HAZARDS = {
    "registry_default": EXPORTER.replace("KEY", "eager"),
    "class_written_out": DIRECT.replace("CLASS", "EagerBackend"),
}
NEAR_MISSES = {
    "registry_other_default": EXPORTER.replace("KEY", "lazy"),
    "registry_without_the_import": EXPORTER.replace("from kit import backends  # noqa: F401  enlists \"eager\"\n",
                                                    "").replace("KEY", "lazy"),
    "lazy_class_written_out": DIRECT.replace("CLASS", "LazyBackend"),
}


def root_with(tmp_path, main, backends=BACKENDS):
    return project(tmp_path, {"kit/__init__.py": "", "kit/wire.py": WIRE, "kit/backends.py": backends,
                              "main.py": main})


@pytest.mark.parametrize("name", sorted(HAZARDS))
def test_the_session_of_an_imported_backend_is_found(tmp_path, name):
    [finding] = findings(root_with(tmp_path, HAZARDS[name]) / "main.py")
    assert finding.code in ("MP201", "MP203")
    assert "EagerBackend (from kit.backends), whose .session is an instance of Session (from kit.wire), " \
           "whose ._send_lock is a threading lock" in finding.message


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_near_misses_stay_silent(tmp_path, name):
    assert findings(root_with(tmp_path, NEAR_MISSES[name]) / "main.py") == []


def test_a_class_whose_key_is_not_a_constant_leaves_the_registry_unknown(tmp_path):
    computed = BACKENDS.replace('kind = "eager"', 'kind = "ea" + "ger"')
    assert findings(root_with(tmp_path, HAZARDS["registry_default"], computed) / "main.py") == []


def test_two_classes_under_one_key_leave_the_registry_unknown(tmp_path):
    twice = BACKENDS.replace('kind = "eager"', 'kind = "lazy"')
    assert findings(root_with(tmp_path, EXPORTER.replace("KEY", "lazy"), twice) / "main.py") == []


def test_a_decorator_that_is_not_the_enrolling_one_registers_nothing(tmp_path):
    other = BACKENDS.replace("from kit.wire import Backend, Session, enlist", "from kit.wire import Backend, Session\n"
                             "from functools import total_ordering as enlist")
    assert findings(root_with(tmp_path, HAZARDS["registry_default"], other) / "main.py") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(HAZARDS) + sorted(NEAR_MISSES))
def test_runtime(tmp_path, method, name):
    main = HAZARDS.get(name) or NEAR_MISSES[name]
    out = run_program(root_with(tmp_path, main) / "main.py", method, timeout=120, cwd=tmp_path)
    if name in HAZARDS:  # an executor pickles its tasks under every start method
        assert out.returncode != 0 and "cannot pickle '_thread.RLock' object" in out.stderr, out.stderr
    else:
        assert out.returncode == 0 and "RESULT=" in out.stdout, out.stderr


# kombu's t/unit/test_pidbox.py (found by the sweeps once the session's lock was followed): a task returning a
# @property of another module's object returns what the property gives, not a bound method holding the object.
PROPERTY_TASK = """
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    from kit.backends import EagerBackend

    BACKEND = EagerBackend({"url": "wire://db"})


    def get():
        return BACKEND.ATTR


    if __name__ == "__main__":
        with ProcessPoolExecutor(mp_context=mp.get_context("spawn")) as pool:
            print("RESULT=%s" % pool.submit(get).result())
"""

WITH_PROPERTIES = BACKENDS.replace("from kit.wire import", "import functools\n    from kit.wire import") + """
        @property
        def address(self):
            return self.settings["url"]

        @functools.cached_property
        def label(self):
            return self.kind.upper()
"""


@pytest.mark.parametrize("attr", ["address", "label", "kind"])
def test_a_property_or_class_attribute_of_an_imported_object_is_what_it_gives(tmp_path, attr):
    root = root_with(tmp_path, PROPERTY_TASK.replace("ATTR", attr), WITH_PROPERTIES)
    assert findings(root / "main.py") == []
    out = run_program(root / "main.py", "spawn", timeout=120, cwd=tmp_path)
    assert out.returncode == 0 and "RESULT=" in out.stdout, out.stderr


def test_a_plain_method_of_an_imported_object_returned_is_still_found(tmp_path):
    [finding] = findings(root_with(tmp_path, PROPERTY_TASK.replace("ATTR", "write"), WITH_PROPERTIES) / "main.py")
    assert finding.code == "MP207" and "bound method .write of EagerBackend" in finding.message
