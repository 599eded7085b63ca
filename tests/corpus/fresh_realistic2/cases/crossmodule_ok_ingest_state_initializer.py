# family: crossmodule
# hazard: none
# line: none
# files: ingestkit/__init__.py ingestkit/config.py ingestkit/runner.py ingestkit/parse.py ingestkit/state.py ingestkit/errors.py
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/rachis-org/rachis/issues/647-style singletons: the job uses ingestkit.runner.totals_with_settings(), which starts the Pool with `initializer=state.configure, initargs=(state.current(),)`, so each worker is configured with the parent's settings under every start method.
"""Sum readings per batch, scaled by the configured factor.

Usage: batch_totals.py [--scale F] [--batch N]
"""
from ingestkit import state
from ingestkit.config import load_settings
from ingestkit.runner import totals_with_settings

READINGS = [("t1", 20), ("t2", 21), ("t1", 19), ("t3", 18), ("t2", 22)]


def batches(rows, size):
    return [rows[i:i + size] for i in range(0, len(rows), size)]


def main():
    settings = load_settings()
    state.configure(settings)
    for n, total in enumerate(totals_with_settings(batches(READINGS, 2), settings.workers)):
        print(f"batch {n}: {total:.1f}")


if __name__ == "__main__":
    main()
