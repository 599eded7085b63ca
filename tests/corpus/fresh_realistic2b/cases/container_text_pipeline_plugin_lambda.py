# family: container
# hazard: unpicklable-callable
# line: 51
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/hyperactive-project/Hyperactive/issues/17 (a lambda living inside the user's objects reaches the process pool: "the arguments can not be pickled"), as a text-cleaning CLI with a plugin registry: steps register themselves in a module-level dict by decorator, one of them is registered as a lambda; main() looks the chosen steps up by name, puts them in a list and submits each (step, text) pair to a ProcessPoolExecutor, so the lambda is pickled with the task under every start method.
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


STEPS["strip"] = lambda text: text.strip()


def apply_steps(steps, text):
    for func in steps:
        text = func(text)
    return text


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", default="squash,strip,upper")
    args = parser.parse_args(argv)
    chosen = [STEPS[name] for name in args.steps.split(",")]
    snippets = ["  hello   world ", "multi\n line\ttext  ", " ok "]
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(apply_steps, chosen, s) for s in snippets]
        cleaned = [f.result() for f in futures]
    print("RESULT=" + "|".join(cleaned))
    return 0


if __name__ == "__main__":
    sys.exit(main())
