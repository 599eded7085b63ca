# family: distributed
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: False friend: the fix the maintainers give for the bootstrapping error, LocalCluster and Client built inside main() under `if __name__ == "__main__":`, used as context managers. Modelled on https://github.com/dask/distributed/issues/4751 (jacobtomlinson: starting a LocalCluster outside the guard gives hard-to-debug exceptions) and https://github.com/dask/distributed/issues/2422 (Cannot start LocalCluster).
"""Monte-Carlo estimate of pi on a local dask cluster."""
import logging
import random

from dask.distributed import Client, LocalCluster

SAMPLES_PER_TASK = 20_000
TASKS = 6


def darts(seed, n=SAMPLES_PER_TASK):
    rng = random.Random(seed)
    hits = 0
    for _ in range(n):
        x, y = rng.random(), rng.random()
        if x * x + y * y <= 1.0:
            hits += 1
    return hits


def estimate(client, tasks=TASKS):
    futures = client.map(darts, range(tasks))
    hits = client.submit(sum, futures).result()
    return 4.0 * hits / (tasks * SAMPLES_PER_TASK)


def main():
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None,
                      silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
        pi = estimate(client)
    print(f"pi is roughly {pi:.3f}")
    print("RESULT=" + str(round(pi, 0)))


if __name__ == "__main__":
    main()
