"""arboreto-like GRNBoost2 entry point: builds a local dask.distributed cluster when asked for 'local'."""
from dataclasses import dataclass

from dask.distributed import Client, LocalCluster


@dataclass
class GRNConfig:
    client_or_address: str = "local"
    n_workers: int = 2
    seed: int = 7


def _infer_links(expression, tf, target):
    xs = expression[tf]
    ys = expression[target]
    return tf, target, round(sum(x * y for x, y in zip(xs, ys)) / len(xs), 4)


def _prepare_client(cfg):
    if cfg.client_or_address == "local":
        cluster = LocalCluster(n_workers=cfg.n_workers, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        return Client(cluster), cluster
    return Client(cfg.client_or_address), None


def grnboost2(expression, tf_names, cfg):
    client, cluster = _prepare_client(cfg)
    try:
        futures = [client.submit(_infer_links, expression, tf, target, pure=False)
                   for tf in tf_names for target in expression if target != tf]
        links = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return sorted(links, key=lambda link: -link[2])


def toy_expression(ngenes=4, ncells=5):
    return {f"g{g}": [((g + 1) * (c + 2)) % 7 for c in range(ncells)] for g in range(ngenes)}
