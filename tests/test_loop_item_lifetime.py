"""MP206 through a dataclass field (rules/loop_items.py): a multiprocessing Lock that `field(default_factory=
multiprocessing.Lock)` makes for each job, the jobs returned new by build_jobs() and reached only as the item of
`for job in build_jobs():`, each given to a Process the loop starts. start() drops its args and the loop drops the
item (and the temporary list when it ends): under spawn and forkserver the Lock's semaphore is unlinked before the
child unpickles it, FileNotFoundError in the child (fresh_realistic2b dataclass_export_job_mp_lock_not_kept_alive).
Near misses that keep the job alive, or wait in the loop, or give the field, stay silent. Proven under fork, spawn
and forkserver."""
import textwrap

import pytest
from helpers import assert_outcome, codes, rows, run_program

PROGRAM = """
    import multiprocessing
    import sys
    from dataclasses import dataclass, field


    @dataclass
    class Job:
        name: str
        FIELD

        def mark(self):
            with self.lock:
                pass


    def work(job):
        job.mark()
        print("done", job.name, flush=True)


    def build_jobs():
        return [Job(name) for name in ("a", "b")]


    def main():
        procs = []
        ITERATE
            proc = multiprocessing.Process(target=work, args=(job,))
            proc.start()
            procs.append(proc)
            BODY
        for proc in procs:
            proc.join()
        sys.exit(1 if any(p.exitcode for p in procs) else 0)


    if __name__ == "__main__":
        main()
"""

LOCK = "lock: object = field(default_factory=multiprocessing.Lock)"


def program(field_line=LOCK, iterate="for job in build_jobs():", body="pass", maker=None):
    src = textwrap.dedent(PROGRAM).replace("FIELD", field_line).replace("ITERATE", iterate).replace("BODY", body)
    return src if maker is None else src.replace("return [Job(name) for name in (\"a\", \"b\")]", maker)


def test_a_lock_made_by_a_field_of_a_loop_item():
    src = program()
    assert "MP206" in codes(src)
    made = next(i for i, line in enumerate(src.splitlines(), 1) if "multiprocessing.Process(" in line)
    assert rows(src, "MP206") == [made]


@pytest.mark.parametrize("changes", [
    {"iterate": "jobs = build_jobs()\n        for job in jobs:"},                 # the list outlives the loop
    {"body": "kept = job"},                                                       # the item is kept
    {"body": "procs.append(job)"},                                                # ... in a list
    {"body": "proc.join()"},                                                      # the loop waits for the child
    {"field_line": "lock: object = field(default_factory=dict)"},                 # not a sync object
    {"maker": "jobs = [Job(name) for name in ('a', 'b')]\n    KEEP.extend(jobs)\n    return jobs"},  # kept elsewhere
    {"maker": "return [Job(name, multiprocessing.Lock()) for name in ('a', 'b')]"},  # the field is given
])
def test_near_misses_stay_silent(changes):
    src = program(**changes)
    if "KEEP" in src:
        src += "\n\nKEEP = []\n"
    assert "MP206" not in codes(src)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("body", ["pass", "proc.join()"])
def test_runtime(tmp_path, method, body):
    path = tmp_path / "jobs.py"
    path.write_text(program(body=body))
    out = run_program(path, method)
    fails = method != "fork" and body == "pass"
    assert_outcome(out, fails, "FileNotFoundError", "done a")
