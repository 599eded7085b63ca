# family: crossmodule
# hazard: none
# line: none
# files: reportkit/__init__.py reportkit/errors.py
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of https://github.com/agronholm/pythonfutures/issues/30: the ledger importer raises reportkit.errors.ParseError(source, line_no) from its pool task; that class passes both arguments to Exception.__init__, so it is re-created in the parent and caught by `except ParseError` under every start method.
"""Import ledger files in parallel; report the ones that don't parse."""
import multiprocessing
import sys

from reportkit.errors import ParseError

LEDGERS = {
    "jan.csv": ["2024-01-02;12.50", "2024-01-09;3.10"],
    "feb.csv": ["2024-02-01;7.00", "garbage"],
    "mar.csv": ["2024-03-05;1.00"],
}


def parse_ledger(name):
    total = 0.0
    for number, line in enumerate(LEDGERS[name], 1):
        try:
            _, amount = line.split(";")
            total += float(amount)
        except ValueError:
            raise ParseError(name, number) from None
    return name, round(total, 2)


def main():
    totals, broken = {}, []
    with multiprocessing.Pool(2) as pool:
        pending = {name: pool.apply_async(parse_ledger, (name,)) for name in LEDGERS}
        for name, res in pending.items():
            try:
                totals.update([res.get(timeout=10)])
            except ParseError as exc:
                broken.append(str(exc))
    print(f"RESULT={sorted(totals.items())} broken={broken}")
    return 0 if broken == ["feb.csv: cannot parse line 2"] else 3


if __name__ == "__main__":
    sys.exit(main())
