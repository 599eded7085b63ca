"""pandarallel and HF datasets (semantic/data/boundaries.json, kind "method"): methods the libraries add to
objects mpguard does not follow. On source strings, without the libraries; what each case asserts was
observed by running them (tests/corpus/libraries, pandarallel_* and datasets_*)."""
from __future__ import annotations

from helpers import check, codes, found, methods
from mpguard.semantic.boundaries import libraries, lookup, method_boundaries

ALL = {"fork", "spawn", "forkserver"}

PANDARALLEL = """
    import sqlite3
    import pandas as pd
    from pandarallel import pandarallel


    def lookup(row, conn):
        return conn.execute("select 1").fetchone()[0]


    if __name__ == "__main__":
        pandarallel.initialize(nb_workers=2)
        df = pd.DataFrame({"a": range(10)})
        print(df.parallel_apply(lookup, axis=1, args=(ARG,)))
"""


def test_catalog_entries():
    assert {"pandarallel", "datasets"} <= set(libraries())
    assert lookup("pandarallel.parallel_apply").kind == "method"
    assert {b.library for b in method_boundaries()["map"]} == {"datasets"}
    assert {b.library for b in method_boundaries()["parallel_map"]} == {"pandarallel"}


def test_pandarallel_argument_pickle_refuses():
    findings = found(PANDARALLEL.replace("ARG", 'sqlite3.connect(":memory:")'), "MP203")
    assert len(findings) == 1 and "pandarallel, sent with dill" in findings[0].message
    assert set(findings[0].start_methods) == ALL  # the pool pickles its tasks under every method


def test_pandarallel_lambda_and_dill_accepted_objects_are_fine():
    assert not codes(PANDARALLEL.replace("ARG", "threading.Lock()").replace("import sqlite3", "import threading"))
    assert not codes("""
        import pandas as pd
        from pandarallel import pandarallel

        if __name__ == "__main__":
            pandarallel.initialize()
            s = pd.Series(range(10))
            print(s.parallel_map(lambda x: x + 1), s.parallel_apply(lambda x: x * 2))
    """)


def test_pandarallel_unguarded_breaks_on_windows_only():
    src = """
        import pandas as pd
        from pandarallel import pandarallel

        pandarallel.initialize()
        df = pd.DataFrame({"a": range(10)})
        print(df.parallel_apply(lambda row: row.a, axis=1))
    """
    findings = found(src, "MP101")
    assert len(findings) == 1
    assert not findings[0].start_methods and set(findings[0].extra_platforms) == {"windows"}


def test_pandarallel_generator_result():
    src = """
        import pandas as pd
        from pandarallel import pandarallel


        def tokens(text):
            return (w for w in text.split())


        if __name__ == "__main__":
            pandarallel.initialize()
            print(pd.Series(["a b"]).parallel_apply(tokens))
    """
    assert [f.start.row for f in found(src, "MP207")] == [7]


def test_parallel_apply_without_pandarallel_is_not_a_boundary():
    assert not codes("""
        import threading
        import sqlite3

        def run(df):
            return df.parallel_apply(len, args=(sqlite3.connect(":memory:"),))

        run(object())
    """)


DATASETS = """
    from datasets import Dataset


    def lower(batch):
        return {"text": [t.lower() for t in batch["text"]]}


    ds = Dataset.from_dict({"text": ["A"] * 20})
    out = ds.map(lower, batched=True, num_proc=NUM)
"""


def test_datasets_map_at_import_needs_the_guard_under_spawn():
    assert methods(DATASETS.replace("NUM", "4"), "MP101") == {"spawn", "forkserver"}


def test_datasets_num_proc_one_none_or_computed_runs_in_the_parent_or_is_unknown():
    for num in ("1", "None", "os.cpu_count()", "n"):
        assert "MP101" not in codes(DATASETS.replace("NUM", num)), num
    assert not codes(DATASETS.replace(", num_proc=NUM", ""))


def test_datasets_fn_kwargs_generator_and_lambda_ok():
    src = """
        from datasets import Dataset


        def add(batch, ids):
            return {"id": [next(ids) for _ in batch["text"]]}


        if __name__ == "__main__":
            ids = (i for i in range(100))
            ds = Dataset.from_dict({"text": ["a"] * 20})
            ds.map(lambda b: {"n": [len(t) for t in b["text"]]}, batched=True, num_proc=2)
            ds.filter(lambda e: len(e["text"]) > 0, num_proc=2)
            ds.map(add, batched=True, num_proc=2, fn_kwargs={"ids": ids})
    """
    findings = [f for f in check(src) if f.code.startswith("MP")]
    assert [(f.code, f.start.row) for f in findings] == [("MP203", 14)]
    assert "datasets, sent with dill" in findings[0].message


def test_map_of_another_library_is_not_datasets():
    assert not codes("""
        import threading
        from multiprocessing.pool import ThreadPool

        with ThreadPool(2) as pool:
            pool.map(lambda x: x, [threading.Lock()])
        items = [1, 2]
        print(list(map(str, items)))
    """)


def test_datasets_results_are_written_to_arrow_in_the_worker_not_pickled():
    src = """
        from datasets import Dataset


        def tokens(batch):
            return {"t": (w for w in batch["text"])}


        if __name__ == "__main__":
            Dataset.from_dict({"text": ["a b"] * 20}).map(tokens, batched=True, num_proc=2)
    """
    assert "MP207" not in codes(src)
