# family: lifecycle
# hazard: none
# line: none
# timeout: 20
# expect: fork=ok spawn=ok forkserver=ok
# note: The remedy proposed in https://github.com/xin-huang/dadi-cli/issues/96 ("Replace multiprocessing.Queue with Manager.Queue"; the docs: "a queue created using a manager does not have this issue"): the optimisation workers put their results on a manager queue, and the parent joins them all before reading it, which does not deadlock because a manager queue has no feeder thread in the child.
"""Run demographic-model optimisations in worker processes and collect the fits."""
import multiprocessing


def worker_func(job, results, n_points):
    ll = -sum((job + 1) * 0.001 * i for i in range(n_points))
    for i in range(200):
        results.put((job, i, ll))


def run_inference(n_jobs=3, n_points=500):
    with multiprocessing.Manager() as manager:
        results = manager.Queue()
        workers = [multiprocessing.Process(target=worker_func, args=(j, results, n_points)) for j in range(n_jobs)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        fits = []
        while not results.empty():
            fits.append(results.get())
    return fits


if __name__ == "__main__":
    print("RESULT=%d" % len(run_inference()))
