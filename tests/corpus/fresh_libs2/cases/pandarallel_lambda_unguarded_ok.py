# family: pandarallel
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: nalepae/pandarallel#22 ("Pandarallel 1.3.0 supports now lambda functions") and #95 (initialize at the top of a script): a flat notebook-style script, no main guard, lambda and closure through parallel_apply; pandarallel forks its workers with its own context on Linux.
"""Flat script: enrich an orders table with pandarallel."""
import sys

import pandas as pd
from pandarallel import pandarallel

pandarallel.initialize(nb_workers=2, progress_bar=False, verbose=0)

TAX = {"NO": 0.25, "DE": 0.19, "US": 0.0}


def make_total(tax_table):
    def total(row):
        return round(row["net"] * (1 + tax_table.get(row["country"], 0.0)), 2)
    return total


orders = pd.DataFrame({
    "net": [100.0, 50.0, 20.0, 80.0],
    "country": ["NO", "DE", "US", "NO"],
})
orders["gross"] = orders.parallel_apply(make_total(TAX), axis=1)
orders["band"] = orders["gross"].parallel_apply(lambda g: "high" if g > 60 else "low")
print(orders)
print(f"RESULT={orders['gross'].tolist()}")
if orders["gross"].tolist() != [125.0, 59.5, 20.0, 100.0]:
    sys.exit(3)
