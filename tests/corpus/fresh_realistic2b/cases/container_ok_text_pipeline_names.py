# family: container
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of https://github.com/hyperactive-project/Hyperactive/issues/17: the same plugin registry, but every step is a module-level function registered by decorator and the lambda-built registry entry is gone; the tasks carry the step *names* and the worker looks them up in its own copy of the registry (filled again at import under spawn/forkserver), so nothing unpicklable crosses.
"""Clean a batch of text snippets with a chosen list of steps.

Usage: clean_text.py [--steps upper,squash,strip]
"""
import argparse
import re
import sys
from concurrent.futures import ProcessPoolExecutor

STEPS = {}


def step(name):
    def register(func):
        STEPS[name] = func
        return func
    return register


@step("upper")
def to_upper(text):
    return text.upper()


@step("squash")
def squash_spaces(text):
    return re.sub(r"\s+", " ", text)


@step("strip")
def strip(text):
    return text.strip()


def apply_steps(step_names, text):
    for name in step_names:
        text = STEPS[name](text)
    return text


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", default="squash,strip,upper")
    args = parser.parse_args(argv)
    chosen = args.steps.split(",")
    unknown = [n for n in chosen if n not in STEPS]
    if unknown:
        parser.error(f"unknown steps: {unknown}")
    snippets = ["  hello   world ", "multi\n line\ttext  ", " ok "]
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(apply_steps, chosen, s) for s in snippets]
        cleaned = [f.result() for f in futures]
    print("RESULT=" + "|".join(cleaned))
    return 0


if __name__ == "__main__":
    sys.exit(main())
