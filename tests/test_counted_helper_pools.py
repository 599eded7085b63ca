"""A helper of another project module makes a pool (a torch DataLoader) whose worker count is its parameter, and a
value of its own that cannot cross (a lambda `worker_init_fn`, catalyst #1024): whether it starts processes is the
caller's count. The helper's module alone says nothing (no call there gives a count); a caller whose argument
settles to a count above the pool's least (a DataLoader's `num_workers=1` already starts a worker) gets the helper's
finding, at the call and at the import of the helper's module (rules/counted_sites, linter/site_findings' `count`).
Near misses: a count of 0, a count that is not known, a helper whose own values cross (a module-level function), a
caller of a helper its own module calls too. The runtime behaviour (a lambda worker_init_fn cannot be pickled for a
spawned or forkserver worker) is the catalyst corpus program's observed result and MP201's DataLoader model."""
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings

from helpers import at_import_copy
from test_semantic_crossmodule import findings, project

LOADING = '''
    from torch.utils.data import DataLoader


    def make_loader(rows, workers=0, seed=7):
        return DataLoader(rows, batch_size=4, num_workers=workers, worker_init_fn=lambda i: print(seed + i))
'''

LOADING_BY_DICT = '''
    from torch.utils.data import DataLoader


    def _seeded(worker, seed):
        print(seed + worker)


    def build(rows, n_workers, seed=1, init=None):
        options = {"batch_size": 2, "num_workers": n_workers}
        options["worker_init_fn"] = init or (lambda i: _seeded(i, seed))
        return {"train": DataLoader(rows, **options)}
'''

FIXED = '''
    import functools
    from torch.utils.data import DataLoader


    def _seeded(worker, seed):
        print(seed + worker)


    def make_loader(rows, workers=0, seed=7):
        return DataLoader(rows, num_workers=workers, worker_init_fn=functools.partial(_seeded, seed=seed))
'''

TRAIN = '''
    import sys

    from kit.loading import make_loader


    def train(rows):
        for batch in make_loader(rows, WORKERS):
            print(batch)


    if __name__ == "__main__":
        train(list(range(8)))
'''

CONFIGURED = '''
    from kit import loading

    SETTINGS = {"loader": {"workers": 3}}


    class Job:
        def __init__(self, settings):
            self.settings = settings

        def loaders(self, rows):
            section = self.settings["loader"]
            return loading.build(rows, n_workers=section["workers"])

        def run(self, rows):
            for batch in self.loaders(rows)["train"]:
                print(batch)


    if __name__ == "__main__":
        Job(SETTINGS).run(list(range(8)))
'''


def _kit(tmp_path, helper, script, name="train.py", module="loading"):
    return project(tmp_path, {"kit/__init__.py": "", f"kit/{module}.py": helper, name: script})


def _all(path):
    return analyze_path(path, Settings(), project_root=path.parent).findings


def test_a_literal_count_given_to_the_helper(tmp_path):
    root = _kit(tmp_path, LOADING, TRAIN.replace("WORKERS", "2"))
    (finding,) = findings(root / "train.py", "MP201")
    assert finding.start.row == 8 and "make_loader()" in finding.message and "lambda" in finding.message
    assert finding.start_methods == {"spawn", "forkserver"}
    assert finding.related_file.path.endswith("loading.py") and finding.related_file.line == 6
    # and at the statement importing the helper's module, where the lambda is made
    assert [f.start.row for f in _all(root / "train.py") if f.code == "MP201" and at_import_copy(f)] == [4]


def test_a_count_from_a_dict_through_an_object_and_spread_options(tmp_path):
    root = _kit(tmp_path, LOADING_BY_DICT, CONFIGURED, "job.py")
    (finding,) = findings(root / "job.py", "MP201")
    assert finding.start.row == 13 and "n_workers=3" in finding.message


def test_near_miss_no_workers(tmp_path):
    root = _kit(tmp_path, LOADING, TRAIN.replace("WORKERS", "0"))
    assert [f for f in _all(root / "train.py") if f.code == "MP201"] == []


def test_near_miss_count_not_known(tmp_path):
    root = _kit(tmp_path, LOADING, TRAIN.replace("WORKERS", "int(sys.argv[1])"))
    assert [f for f in _all(root / "train.py") if f.code == "MP201"] == []


def test_near_miss_the_helper_passes_a_partial(tmp_path):
    root = _kit(tmp_path, FIXED, TRAIN.replace("WORKERS", "2"))
    assert [f for f in _all(root / "train.py") if f.code == "MP201"] == []


def test_near_miss_the_helpers_own_module_calls_it(tmp_path):
    demo = LOADING + '''

    def demo():
        return make_loader([1, 2, 3])
'''
    root = _kit(tmp_path, demo, TRAIN.replace("WORKERS", "2"))
    assert [f for f in _all(root / "train.py") if f.code == "MP201"] == []


def test_the_helpers_module_alone_says_nothing(tmp_path):
    root = _kit(tmp_path, LOADING, TRAIN.replace("WORKERS", "2"))
    assert [f for f in _all(root / "kit" / "loading.py") if f.code == "MP201"] == []
