"""Reduced from chainerrl/misc/async_.py: start one process per worker, each running run_func(i)."""
import multiprocessing as mp


def run_async(n_process, run_func):
    """Run run_func(process_idx) in n_process processes and return their exit codes."""
    processes = []
    for process_idx in range(n_process):
        processes.append(mp.Process(target=run_func, args=(process_idx,)))
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=10)
    return [p.exitcode for p in processes]


def set_random_seed(seed):
    import random

    random.seed(seed)
    return seed
