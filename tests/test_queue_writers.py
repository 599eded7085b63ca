"""MP410 when several processes write one queue (fresh_realistic3 ifcpipeline: each validation worker puts a
37 KB report on a shared result queue, and the runner joins every worker before it reads): each writer alone
fits the pipe, together they do not, and the writer whose data does not fit cannot exit. The processes a loop
makes are counted when every turn starts one and the loop's length is known; the join must wait for every one
(a `for` over the collection that never leaves early). A comprehension's items are weighed by what pickle writes
for each at least (rules/pickled_items). Near misses: the queue drained first, join(timeout), too little data
for the pipe, a start under a condition, a join loop that may stop early. Proven under fork, spawn and
forkserver: the hazards hang, the near misses end."""
import ast
import os
import subprocess
import sys

import pytest
from helpers import RUNNER_SITE, rows, runtime_proofs_or_skip, run_in_session

from mpguard.rules.pickled_items import item_size, made_text

SHARDS = """
import multiprocessing


def summarise(shard, names, out):
    rows = [(name, "row-%06d" % i, i % 3 == 0) for name in names for i in range(ROWS)]
    out.put({"shard": shard, "rows": rows})


def run(names):
    out = multiprocessing.Queue()
    procs = []
    for shard in range(WRITERS):
        p = multiprocessing.Process(target=summarise, args=(shard, names, out))
        START
        procs.append(p)
    DRAIN
    for p in procs:
        p.join(JOINARG)
    READ
    return got


if __name__ == "__main__":
    got = run(("north", "south"))
    print("RESULT=%d" % sum(len(g["rows"]) for g in got))
"""

READ = "got = [out.get() for _ in procs]"
DRAINED = "got = [out.get() for _ in procs]"


def _program(rows_each=1000, writers=2, drained=False, join_arg="", start="p.start()"):
    src = SHARDS.replace("ROWS", str(rows_each)).replace("WRITERS", str(writers)).replace("START", start)
    src = src.replace("JOINARG", join_arg)
    if drained:
        return src.replace("    DRAIN\n", f"    {DRAINED}\n").replace("    READ\n", "")
    return src.replace("    DRAIN\n", "").replace("    READ\n", f"    {READ}\n")


def _join_row(src):
    return next(i for i, line in enumerate(src.split("\n"), 1) if ".join(" in line)


def test_two_writers_that_together_fill_the_pipe():
    src = _program()
    assert rows(src, "MP410") == [_join_row(src)]


def test_the_message_counts_the_writers():
    from helpers import found
    [finding] = found(_program(), "MP410")
    assert "2 children that together write more than the pipe holds" in finding.message


def test_one_writer_of_the_same_data_fits():
    assert rows(_program(writers=1), "MP410") == []


def test_writers_of_little_data_stay_silent():
    assert rows(_program(rows_each=300), "MP410") == []


def test_the_queue_drained_before_the_joins_is_silent():
    assert rows(_program(drained=True), "MP410") == []


def test_join_with_a_timeout_is_silent():
    assert rows(_program(join_arg="30"), "MP410") == []


def test_a_start_under_a_condition_counts_one_writer():
    src = _program(start="if shard % 2 == 0:\n            p.start()")
    assert rows(src, "MP410") == []


def test_a_join_loop_that_may_stop_early_counts_one_writer():
    src = _program().replace("        p.join()\n", "        p.join()\n        if not p.exitcode:\n            break\n")
    assert rows(src, "MP410") == []


def test_a_loop_over_an_unknown_collection_counts_one_writer():
    src = _program().replace("for shard in range(2):", "for shard in shards:").replace(
        "def run(names):", "def run(names, shards):").replace('run(("north", "south"))',
                                                             'run(("north", "south"), list(range(2)))')
    assert rows(src, "MP410") == []


def test_a_list_the_module_shortens_is_not_counted():
    src = _program().replace('run(("north", "south"))', 'run(["north", "south"])')
    assert rows(src, "MP410") == [_join_row(src)]
    shortened = src.replace("    out = multiprocessing.Queue()\n", "    names.pop()\n    out = multiprocessing.Queue()\n")
    assert rows(shortened, "MP410") == []


IFC_LIKE = """
import multiprocessing


def check_model(model, rules, results):
    report = {"model": model, "checks": [{"rule": r, "element": "Wall_%05d" % i, "ok": i % 7 != 0}
                                         for r in rules for i in range(500)]}
    results.put(report)


class Runner:
    def __init__(self, models, rules):
        self.models = models
        self.rules = rules
        self.results = multiprocessing.Queue()
        self.workers = []

    def start(self):
        for model in self.models:
            proc = multiprocessing.Process(target=check_model, args=(model, self.rules, self.results))
            proc.start()
            self.workers.append(proc)

    def collect(self):
        for proc in self.workers:
            proc.join()
        return [self.results.get() for _ in self.workers]


if __name__ == "__main__":
    runner = Runner(MODELS, ["fire", "load", "material"])
    runner.start()
    print(len(runner.collect()))
"""


def test_processes_and_queue_kept_on_self():
    src = IFC_LIKE.replace("MODELS", '["a", "b"]')
    assert rows(src, "MP410") == [_join_row(src)]
    assert rows(IFC_LIKE.replace("MODELS", '["a"]'), "MP410") == []


def test_the_fix_never_moves_a_join_behind_a_return():
    # the value the return gives is read first, bound to a name; the join follows and the name is returned
    from helpers import found
    from mpguard.fixes.apply import apply_edits
    src = IFC_LIKE.replace("MODELS", '["a", "b"]')
    [finding] = found(src, "MP410")
    out = apply_edits(src, finding.fix.edits)
    assert ("    def collect(self):\n        result = [self.results.get() for _ in self.workers]\n"
            "        for proc in self.workers:\n            proc.join()\n        return result\n") in out
    assert found(out, "MP410") == []


@pytest.mark.parametrize("expr, least", [
    ('{"rule": r, "element": "Wall_%05d" % i, "ok": i % 7 != 0}', 4 + 6 + 1 + (5 + 5 + 3) + 1),
    ('(name, "row-%06d" % i, flag)', 2 + 1 + (4 + 6 + 3) + 1),
    ('["id-%s" % x, 3, None]', 4 + (3 + 3) + 2 + 1),
    ('"%%-%d" % n', 2 + 1 + 3),
    ('f"id-{i}"', 3 + 3),
    ("x", 1),
])
def test_least_pickled_item_size(expr, least):
    assert item_size(ast.parse(expr, mode="eval").body) == least


def test_made_text_of_a_star_width():
    assert made_text(ast.parse('"%*d" % (w, n)', mode="eval").body) == 1


def _run(path, method, timeout):
    """(hung, output): a program that hangs is killed with every process it started."""
    runtime_proofs_or_skip()
    env = {**os.environ, "PYTHONPATH": str(RUNNER_SITE), "MP_DEFAULT_METHOD": method}
    try:
        proc = run_in_session([sys.executable, str(path)], timeout=timeout, env=env)
        out, err = proc.stdout, proc.stderr
        return False, (proc.returncode, out, err)
    except subprocess.TimeoutExpired:
        return True, None


RUNTIME = {
    "two writers fill the pipe": (_program(), True),
    "one writer fits": (_program(writers=1), False),
    "little data": (_program(rows_each=300), False),
    "drained first": (_program(drained=True), False),
    "kept on self": (IFC_LIKE.replace("MODELS", '["a", "b"]'), True),
    "kept on self, one model": (IFC_LIKE.replace("MODELS", '["a"]'), False),
}


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(RUNTIME))
def test_runtime(tmp_path, name, method):
    source, hangs = RUNTIME[name]
    path = tmp_path / "writers.py"
    path.write_text(source)
    assert (rows(source, "MP410") != []) == hangs
    # a hang is seen as a run that outlives the timeout; the ones that end do so in well under a second
    hung, output = _run(path, method, timeout=20 if not hangs else 8)
    assert hung == hangs, output
    if not hangs:
        assert output[0] == 0, output[2]


@pytest.mark.parametrize("expr, least", [
    ('("a", 1)', 2),  # folded into one constant tuple: a memo reference on every later turn
    ('"%d" % 5', 2),
    ('f"{name}"', 1),  # may be `name` itself
    ('"%s" % name', 1),
    ("()", 1),
])
def test_items_the_compiler_folds_or_may_share(expr, least):
    assert item_size(ast.parse(expr, mode="eval").body) == least
