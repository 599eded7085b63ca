# family: dask
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 40
# note: dask/dask#9087 (test functions defined inside a test and run on the processes scheduler, shipped with cloudpickle): closures and a lambda as dask.delayed tasks computed with scheduler="processes" under a main guard.
"""Per-tenant billing totals computed with dask.delayed on processes."""
import sys

import dask


def make_pricer(rate, discount):
    def price(usage):
        return round(sum(usage) * rate * (1 - discount), 2)
    return price


def main():
    tenants = {
        "acme": ([10, 20, 30], 0.5, 0.1),
        "globex": ([5, 5], 1.0, 0.0),
        "initech": ([100], 0.1, 0.5),
    }
    tasks = {}
    for name, (usage, rate, discount) in tenants.items():
        pricer = make_pricer(rate, discount)
        tasks[name] = dask.delayed(pricer)(usage)
    total = dask.delayed(lambda values: round(sum(values), 2))(list(tasks.values()))
    per_tenant, grand = dask.compute(tasks, total, scheduler="processes", num_workers=2)
    print(per_tenant)
    print(f"RESULT={grand}")
    if grand != 42.0:
        sys.exit(3)


if __name__ == "__main__":
    main()
