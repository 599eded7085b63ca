# family: pebble
# hazard: missing-main-guard
# line: 26 42
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 30
# note: A small CLI whose entry point `cli()` is called at the bottom of the file without a main guard, and which builds its pebble ProcessPool with `context=multiprocessing.get_context("spawn")`. The spawned workers re-import the script, call `cli()` again and try to start a pool: "An attempt has been made to start a new process before the current process has finished its bootstrapping phase", under every default. Shape of https://github.com/noxdafox/pebble/issues/146 (csm10495: a pebble pool used where fork isn't the start method) and the pebble docs on the `context` argument (https://pebble.readthedocs.io/en/latest/#pools).
"""hashfiles: print a slow hash of every input string."""
import hashlib
import multiprocessing
import sys

from pebble import ProcessPool

DEFAULT_INPUTS = ["alpha", "beta", "gamma", "delta"]


def slow_hash(text, rounds=500):
    digest = text.encode()
    for _ in range(rounds):
        digest = hashlib.blake2b(digest, digest_size=16).digest()
    return text, digest.hex()[:10]


def run(inputs, workers=2):
    context = multiprocessing.get_context("spawn")
    with ProcessPool(max_workers=workers, context=context) as pool:
        future = pool.map(slow_hash, inputs)
        return list(future.result())


def cli(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    inputs = argv or DEFAULT_INPUTS
    rows = run(inputs)
    width = max(len(t) for t, _ in rows)
    for text, digest in rows:
        print(f"{text:>{width}}  {digest}")
    print("RESULT=" + str(len(rows)))
    return 0


cli()
