"""An instance pickles with what every class of its lineage stores in `self`, a base class of another project module
included (fresh_reports5 mindmeld_qa_bound_method_map, mindmeld #340's shape: the imported base's __init__ keeps
`ResourceLoader(app_path) if eager else None`, whose own __init__ keeps a sqlite3 connection; pickling_error observed
under fork, spawn and forkserver). Read through either branch of a conditional and through an instance of a class of
the base's module; a base with its own __getstate__ stays unknown (near miss, observed ok)."""
import pytest

from test_semantic_crossmodule import findings, project

QA = """
    import sqlite3


    class ResourceLoader:
        def __init__(self, app_path):
            self.conn = sqlite3.connect(":memory:")


    class BaseQuestionAnswerer:
        def __init__(self, app_path, eager=True):
            self.app_path = app_path
            self.resource_loader = STORED
"""

MAIN = """
    from multiprocessing import Pool

    from kit.qa import BaseQuestionAnswerer


    class Native(BaseQuestionAnswerer):
        def answer(self, question):
            return len(question)

        def answer_all(self, questions):
            with Pool(2) as pool:
                return pool.map(self.answer, questions)


    if __name__ == "__main__":
        print(Native("app").answer_all(["a", "bb"]))
"""


@pytest.mark.parametrize("stored, flagged", [
    ("ResourceLoader(app_path) if eager else None", True),
    ("ResourceLoader(app_path)", True),
    ("app_path.upper()", False),
])
def test_state_kept_by_a_base_of_another_module(tmp_path, stored, flagged):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/qa.py": QA.replace("STORED", stored), "main.py": MAIN})
    assert [f.code for f in findings(root / "main.py")] == (["MP201"] if flagged else [])


def test_a_base_that_pickles_its_own_way_is_not_judged(tmp_path):
    qa = QA.replace("STORED", "ResourceLoader(app_path)") + (
        "\n        def __getstate__(self):\n            return {'app_path': self.app_path}\n")
    root = project(tmp_path, {"kit/__init__.py": "", "kit/qa.py": qa, "main.py": MAIN})
    assert findings(root / "main.py") == []
