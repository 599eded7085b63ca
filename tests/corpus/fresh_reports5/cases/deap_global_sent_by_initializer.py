# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the working variant for DEAP #452: each generation's pool receives the current array through its initializer (https://github.com/DEAP/deap/issues/452)
import sys
from multiprocessing import Pool

TARGET = [0.0, 0.0, 0.0]


def set_target(values):
    global TARGET
    TARGET = values


def eval_symb_reg(individual):
    return sum((a - b) ** 2 for a, b in zip(individual, TARGET))


def run(generations=2):
    scores = []
    for gen in range(1, generations + 1):
        target = [float(gen)] * 3
        population = [[float(gen)] * 3 for _ in range(4)]
        with Pool(2, initializer=set_target, initargs=(target,)) as pool:
            scores.append(sum(pool.map(eval_symb_reg, population)))
    return scores


if __name__ == "__main__":
    scores = run()
    print("RESULT=%s" % scores)
    sys.exit(0 if scores == [0.0, 0.0] else 3)
