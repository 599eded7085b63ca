# family: guard
# hazard: none
# line: none
# files: l26kit/__init__.py l26kit/features.py
# timeout: 60
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/alteryx/featuretools/issues/1441 -- near miss: the same script with its work under `if __name__ == "__main__":`, the idiom the bootstrapping error names; the spawned LocalCluster workers import the script without building the entity set or starting another cluster
"""Build customer features from the transaction log with three worker processes (a notebook turned
into a script: entity set, deep feature synthesis, feature matrix, a CSV for the modelling team)."""
import os
import tempfile

import numpy as np
import pandas as pd

from l26kit.features import calculate_feature_matrix, dfs


def load_transactions(seed=7, rows=300):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "transaction_id": np.arange(rows),
        "customer_id": rng.integers(1, 31, size=rows),
        "amount": rng.gamma(2.0, 20.0, size=rows).round(2),
        "items": rng.integers(1, 6, size=rows),
    })


def describe_entities(frames):
    print(f"new entities: {sorted(frames)}")
    print(f"new relations: [['customers', 'customer_id', 'transactions', 'customer_id']]")


def save_matrix(matrix, folder):
    path = os.path.join(folder, "customer_features.csv")
    matrix.to_csv(path)
    return path


if __name__ == "__main__":
    transactions = load_transactions().drop(columns=["transaction_id"])
    customers = pd.DataFrame({"customer_id": sorted(transactions["customer_id"].unique())})
    describe_entities({"customers": customers, "transactions": transactions})

    feature_defs = dfs(transactions, target="customer_id", max_depth=2)
    feature_matrix = calculate_feature_matrix(transactions, feature_defs, chunk_size=10, n_jobs=3)
    with tempfile.TemporaryDirectory() as out_dir:
        print(save_matrix(feature_matrix, out_dir).endswith(".csv"), feature_matrix.shape)
    print(f"RESULT={feature_matrix.shape[0]}x{feature_matrix.shape[1]}")
