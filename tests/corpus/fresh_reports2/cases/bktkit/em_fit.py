"""One EM step: the expected counts of each resource are computed in a pool of workers."""
import multiprocessing

input = None


def inner(x):
    lo, hi = x
    counts = {"correct": 0, "total": 0}
    for i in range(lo, hi):
        counts["correct"] += input["alldata"][i]
        counts["total"] += 1
    return counts["correct"] / max(counts["total"], 1) * input["As"]


def run(data, model, num_workers=2):
    global input
    alldata = data["data"]
    input = {"As": model["As"], "alldata": alldata, "starts": data["starts"], "lengths": data["lengths"]}
    ranges = [(s, s + n) for s, n in zip(data["starts"], data["lengths"])]
    with multiprocessing.Pool(num_workers) as pool:
        results = pool.map(inner, ranges)
    return sum(results) / len(results)
