"""Classes made at run time by `type(name, bases, namespace)` inside a function (semantic/made_classes): pickle
saves a class by its module and `__qualname__`, and a name the module cannot bind (`"Model[float]"`, a specialised
generic) or does not bind is refused ("attribute lookup ... failed"). dill copies such a class by value unless it
refers to itself, when it falls back to the lookup by name (mistral-common #111, fresh_libs10 mistral111: the
tokenizer keeps `InstructRequest[Union[...]]`, whose metadata holds the class). Near misses: a name the module
binds, a class the function publishes with globals(), a name not known, a class dill copies (no self-reference).
Proven under fork, spawn and forkserver."""
import importlib.util

import pytest
from helpers import at_crossing, check, found, run_program
from test_semantic_crossmodule import findings, project

# the class travels as a Process argument; it is made in a registry-like helper and kept in a dict
PROCESS_ARG = """
    import multiprocessing


    class Model:
        dtype = None


    def parametrise(dtype):
        made = type("Model[" + dtype.__name__ + "]", (Model,), {"dtype": dtype})
        return made


    def child(model_cls, q):
        q.put(model_cls.dtype.__name__)


    def main():
        models = {"f": parametrise(float)}
        q = multiprocessing.Queue()
        p = multiprocessing.Process(target=child, args=(models["f"], q))
        p.start()
        print("RESULT=%s" % q.get(timeout=20))
        p.join()


    if __name__ == "__main__":
        main()
"""

# an instance of the class is an argument of a pool task: pickle saves its class by name first
INSTANCE_ARG = """
    from concurrent.futures import ProcessPoolExecutor


    def record_type(fields):
        kind = type("Record_" + "_".join(fields) + "!", (), {"fields": tuple(fields)})
        return kind


    def size(rec):
        return len(rec.fields)


    def main():
        Rec = record_type(["a", "b"])
        with ProcessPoolExecutor(2) as ex:
            print("RESULT=%s" % list(ex.map(size, [Rec(), Rec()])))


    if __name__ == "__main__":
        main()
"""


def test_class_given_to_a_process():
    (finding,) = at_crossing(found(PROCESS_ARG, "MP203"))
    assert "made by type() inside a function" in finding.message
    assert "fork" not in finding.start_methods
    assert "refers to itself" not in finding.message


def test_instance_of_the_class_given_to_a_pool():
    (finding,) = at_crossing(found(INSTANCE_ARG, "MP203"))
    assert "made by type() inside a function" in finding.message


@pytest.mark.parametrize("change", [
    # a name the module binds: `Point = build()` finds the class by name
    ("kind = type(\"Record_\" + \"_\".join(fields) + \"!\", (), {\"fields\": tuple(fields)})",
     "kind = type(\"Record\", (), {\"fields\": tuple(fields)})"),
    # the function publishes the class in its module (found by a forked child; precision first for the others)
    ("        return kind", "        globals()[kind.__name__] = kind\n        return kind"),
    # a name the callers give: the module may bind it
    ("def record_type(fields):\n        kind = type(\"Record_\" + \"_\".join(fields) + \"!\",",
     "def record_type(fields, name=\"Record\"):\n        kind = type(name,"),
    # not the three-argument form: the type of an object
    ("kind = type(\"Record_\" + \"_\".join(fields) + \"!\", (), {\"fields\": tuple(fields)})",
     "kind = type(fields)"),
])
def test_near_misses(change):
    source = INSTANCE_ARG.replace(*change)
    assert source != INSTANCE_ARG
    if "type(\"Record\"," in source:
        source = source.replace("    def size(rec):", "    Record = record_type([\"a\"])\n\n\n    def size(rec):")
    assert not [f for f in check(source) if f.code in ("MP201", "MP203")]


def test_a_shadowed_type_is_not_the_builtin():
    source = INSTANCE_ARG.replace("    def record_type", "    def type(*parts):\n        return object\n\n\n"
                                  "    def record_type")
    assert not [f for f in check(source) if f.code in ("MP201", "MP203")]


# dill: copied by value, unless the class refers to itself
DILL = """
    import multiprocess


    class Request:
        kinds = ()


    def specialise(*kinds):
        label = f"Request[{', '.join(k.__name__ for k in kinds)}]"
        cls = type(label, (Request,), {"kinds": kinds})
        cls.origin = {"generic": Request, "specialised": cls}
        return cls


    class Encoder:
        def __init__(self):
            self.request_cls = specialise(int, str)

        def encode(self, n):
            return n + 1


    def main():
        enc = Encoder()
        with multiprocess.Pool(2) as pool:
            print("RESULT=%s" % pool.map(enc.encode, [1, 2]))


    if __name__ == "__main__":
        main()
"""
DILL_COPIES = DILL.replace('        cls.origin = {"generic": Request, "specialised": cls}\n', "")


def test_dill_refuses_a_class_that_refers_to_itself():
    (finding,) = at_crossing(found(DILL, "MP201"))
    assert "refers to itself" in finding.message and "dill" in finding.message


def test_dill_copies_a_class_that_does_not():
    assert not [f for f in check(DILL_COPIES) if f.code in ("MP201", "MP203")]


KIT_SPECS = """
    class Request:
        kinds = ()


    _MADE = {}


    def specialise(*kinds):
        key = tuple(k.__name__ for k in kinds)
        if key not in _MADE:
            label = f"Request[{', '.join(key)}]"
            cls = type(label, (Request,), {"kinds": kinds})
            cls.__qualname__ = label
            _MADE[key] = cls
        return _MADE[key]
"""
KIT_CODEC = """
    from kit.specs import specialise


    class Codec:
        def __init__(self, name):
            self.name = name
            self.request_cls = specialise(int, str)


    def codec_for(name):
        return Codec(name)
"""
CALLER = """
    from concurrent.futures import ProcessPoolExecutor

    from kit.codec import codec_for


    class Job:
        def __init__(self, codec):
            self.codec = codec

        def run(self, n):
            return f"{self.codec.name}:{n}"


    def main():
        job = Job(codec_for("c"))
        with ProcessPoolExecutor(2) as ex:
            print("RESULT=%s" % list(ex.map(job.run, [1, 2])))


    if __name__ == "__main__":
        main()
"""


def test_another_module_makes_the_class(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/specs.py": KIT_SPECS, "kit/codec.py": KIT_CODEC,
                              "main.py": CALLER})
    (finding,) = [f for f in findings(root / "main.py", "MP201") if "made by type()" in f.message]
    assert "kit.specs.specialise()" in finding.message
    assert "kit.specs.Request[" in finding.message  # pickle's words name the module that made the class


def test_another_module_publishes_the_class(tmp_path):
    specs = KIT_SPECS.replace("            _MADE[key] = cls", "            setattr(_registry, label, cls)\n"
                              "            _MADE[key] = cls").replace("_MADE = {}", "_MADE = {}\n_registry = None")
    root = project(tmp_path, {"kit/__init__.py": "", "kit/specs.py": specs, "kit/codec.py": KIT_CODEC,
                              "main.py": CALLER})
    assert findings(root / "main.py", "MP201") == []


# the module binds the name at import: found by name in every child
BOUND_BY_NAME = INSTANCE_ARG.replace('"Record_" + "_".join(fields) + "!"', '"Record"').replace(
    "    def size(rec):", "    Record = record_type([\"a\", \"b\"])\n\n\n    def size(rec):").replace(
    "        Rec = record_type([\"a\", \"b\"])", "        Rec = Record")


def test_bound_by_name():
    assert BOUND_BY_NAME.count("Record = record_type") == 1 and "Rec = Record" in BOUND_BY_NAME
    assert not [f for f in check(BOUND_BY_NAME) if f.code in ("MP201", "MP203")]


PICKLE_WORDS = ("Can't pickle <class", "PicklingError")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    runs = [(project(tmp_path / "a", {"main.py": PROCESS_ARG}), method != "fork"),  # (fork pickles no Process args)
            (project(tmp_path / "b", {"main.py": INSTANCE_ARG}), True),
            (project(tmp_path / "c", {"kit/__init__.py": "", "kit/specs.py": KIT_SPECS, "kit/codec.py": KIT_CODEC,
                                      "main.py": CALLER}), True),
            (project(tmp_path / "d", {"main.py": BOUND_BY_NAME}), False)]
    if importlib.util.find_spec("multiprocess") is not None:
        runs += [(project(tmp_path / "e", {"main.py": DILL}), True),
                 (project(tmp_path / "f", {"main.py": DILL_COPIES}), False)]
    for base, fails in runs:
        out = run_program(base / "main.py", method, timeout=60, cwd=base)
        if fails:
            assert "RESULT=" not in out.stdout and any(w in out.stderr for w in PICKLE_WORDS), (base, out.stderr)
        else:
            assert out.returncode == 0 and "RESULT=" in out.stdout, (base, out.stderr)
