# family: dataclass
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss to https://github.com/haddocking/deeprank-gnn-esm/pull/32 ("this HDF5DataSet is taking a lambda function as an argument into an object that is being passed to a multiprocessing worker ... pass it as a function instead"): a frozen, slotted dataclass of validation rules holds a compiled re.Pattern (pickles by pattern and flags) and a tuple of module-level functions, and is passed to every Pool task; it pickles under every start method.
"""Validate signup records in a worker pool against a frozen rule set."""
import multiprocessing
import re
from dataclasses import dataclass, field


def not_blank(record):
    return all(str(v).strip() for v in record.values())


def adult(record):
    return int(record.get("age", 0)) >= 18


@dataclass(frozen=True, slots=True)
class RuleSet:
    email: re.Pattern
    checks: tuple = (not_blank, adult)
    tags: frozenset = field(default_factory=frozenset)


def validate(args):
    rules, record = args
    ok = bool(rules.email.fullmatch(record["email"])) and all(c(record) for c in rules.checks)
    return record["email"], ok


def main():
    rules = RuleSet(re.compile(r"[^@\s]+@[^@\s]+\.[a-z]+", re.I), tags=frozenset({"signup"}))
    records = [
        {"email": "ada@example.org", "age": 36},
        {"email": "not-an-email", "age": 40},
        {"email": "kid@example.org", "age": 12},
    ]
    with multiprocessing.Pool(2) as pool:
        verdicts = pool.map(validate, [(rules, r) for r in records])
    print("RESULT=%s" % verdicts)


if __name__ == "__main__":
    main()
