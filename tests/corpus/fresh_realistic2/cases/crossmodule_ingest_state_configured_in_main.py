# family: crossmodule
# hazard: parent-state-not-inherited
# line: ingestkit/parse.py:24
# files: ingestkit/__init__.py ingestkit/config.py ingestkit/runner.py ingestkit/parse.py ingestkit/state.py ingestkit/errors.py
# expect: fork=ok spawn=error:AttributeError forkserver=error:AttributeError
# note: Shape of https://github.com/rachis-org/rachis/issues/647 (a process-wide singleton configured in the parent, "no mechanism to preserve the singleton's state when it crosses a process boundary"), through a package: main() calls ingestkit.state.configure(settings), a module global of another module, and ingestkit.runner.totals() maps ingestkit.parse.scaled_total, which reads state.current().scale. Spawn/forkserver children import ingestkit afresh and see None ("'NoneType' object has no attribute 'scale'").
"""Sum readings per batch, scaled by the configured factor.

Usage: batch_totals.py [--scale F] [--batch N]
"""
from ingestkit import state
from ingestkit.config import load_settings
from ingestkit.runner import totals

READINGS = [("t1", 20), ("t2", 21), ("t1", 19), ("t3", 18), ("t2", 22)]


def batches(rows, size):
    return [rows[i:i + size] for i in range(0, len(rows), size)]


def main():
    settings = load_settings()
    state.configure(settings)
    for n, total in enumerate(totals(batches(READINGS, 2), settings.workers)):
        print(f"batch {n}: {total:.1f}")


if __name__ == "__main__":
    main()
