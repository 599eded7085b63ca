# family: guard
# hazard: missing-main-guard
# line: 24
# files: distilabellite/__init__.py distilabellite/pipeline.py
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 10
# note: Reduced from https://github.com/argilla-io/distilabel/issues/685 (a user script builds a Pipeline and calls pipeline.run() at module level; distilabel/pipeline/local.py opens `ctx.Manager()` and `ctx.Pool(num_processes, initializer=_init_worker, initargs=(log_queue,))`, so on macOS (spawn) the children re-import the script and raise the bootstrapping RuntimeError). Kept: the library Pipeline in a helper package with the Manager + Pool context managers, add_step with module-level step functions, and the unguarded script-level run(); LLM steps are string transforms.
"""Generate a tiny synthetic dataset with a two-step pipeline (user script)."""
from distilabellite.pipeline import Pipeline


def load_prompt(row):
    return "Q: " + row


def to_upper(row):
    return row.upper()


pipeline = Pipeline(name="simple-text-generation")
pipeline.add_step("load_prompt", load_prompt)
pipeline.add_step("to_upper", to_upper)

distiset = pipeline.run(["what is 2+2?", "name a colour"])
print("RESULT=%d" % sum(len(v) for v in distiset.values()))
