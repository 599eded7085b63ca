# family: joblib
# hazard: unpicklable-callable
# line: 46
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 30
# note: A report builder switches the whole run to the multiprocessing backend with `parallel_config(backend="multiprocessing")` (the user wanted to avoid loky's worker reuse) and keeps the lambda it used with loky; under pickle the lambda fails under every method. Shape of https://github.com/joblib/joblib/issues/643 (tomMoral: loky uses cloudpickle, the other backends don't) and the joblib docs on parallel_config (https://joblib.readthedocs.io/en/stable/generated/joblib.parallel_config.html).
"""Build a per-customer summary of invoices."""
import json
from dataclasses import dataclass

from joblib import Parallel, delayed, parallel_config


@dataclass
class Invoice:
    customer: str
    amount: float
    paid: bool


INVOICES = [
    Invoice("acme", 120.0, True),
    Invoice("acme", 80.5, False),
    Invoice("globex", 300.0, True),
    Invoice("initech", 45.25, False),
    Invoice("globex", 10.0, False),
]


def group(invoices):
    groups = {}
    for inv in invoices:
        groups.setdefault(inv.customer, []).append(inv)
    return groups


def summarise(customer, invoices):
    total = sum(i.amount for i in invoices)
    open_amount = sum(i.amount for i in invoices if not i.paid)
    return {"customer": customer, "total": total, "open": open_amount}


def build_report(groups, jobs=2):
    with parallel_config(backend="multiprocessing", n_jobs=jobs):
        rows = Parallel()(
            delayed(lambda c, inv: summarise(c, inv))(c, inv) for c, inv in groups.items()
        )
    return sorted(rows, key=lambda r: -r["open"])


if __name__ == "__main__":
    report = build_report(group(INVOICES))
    print(json.dumps(report, indent=1))
    print("RESULT=" + ",".join(r["customer"] for r in report))
