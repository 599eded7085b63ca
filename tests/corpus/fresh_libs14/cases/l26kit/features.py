"""A featuretools-like feature matrix: aggregation features per customer, computed in chunks; with
n_jobs != 1 the chunks go to a dask.distributed LocalCluster started on the spot (as
featuretools' parallel_calculate_chunks does when no cluster is given)."""
import logging

import pandas as pd


def dfs(transactions: pd.DataFrame, target: str = "customer_id", max_depth: int = 2):
    numeric = [c for c in transactions.columns if c != target and pd.api.types.is_numeric_dtype(transactions[c])]
    primitives = ["sum", "mean", "max"] if max_depth > 1 else ["sum"]
    return [(column, primitive) for column in numeric for primitive in primitives]


def calculate_chunk(chunk: pd.DataFrame, features, target: str) -> pd.DataFrame:
    grouped = chunk.groupby(target)
    return pd.DataFrame({f"{p.upper()}({c})": getattr(grouped[c], p)() for c, p in features})


def calculate_feature_matrix(transactions, features, target="customer_id", chunk_size=50, n_jobs=1):
    ids = sorted(transactions[target].unique())
    chunks = [transactions[transactions[target].isin(ids[i:i + chunk_size])]
              for i in range(0, len(ids), chunk_size)]
    if n_jobs == 1:
        parts = [calculate_chunk(chunk, features, target) for chunk in chunks]
    else:
        from distributed import Client, LocalCluster
        cluster = LocalCluster(n_workers=n_jobs, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
        try:
            futures = client.map(calculate_chunk, chunks, features=features, target=target)
            parts = client.gather(futures)
        finally:
            client.close()
            cluster.close()
    return pd.concat(parts).sort_index()
