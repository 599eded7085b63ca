# family: globals
# hazard: parent-state-not-inherited
# line: 14
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: DEAP #452: a global array used by the evaluation function was updated by the parent after each eaSimple run, but the Pool registered as toolbox.map was created before, so its workers kept evaluating with the old array (https://github.com/DEAP/deap/issues/452)
import sys
from multiprocessing import Pool

TARGET = [0.0, 0.0, 0.0]


def update_global_array(generation):
    global TARGET
    TARGET = [float(generation)] * 3


def eval_symb_reg(individual):
    return sum((a - b) ** 2 for a, b in zip(individual, TARGET))


class Toolbox:
    def __init__(self):
        self.map = map

    def register_map(self, mapper):
        self.map = mapper


def run(generations=2):
    toolbox = Toolbox()
    pool = Pool(2)
    toolbox.register_map(pool.map)
    scores = []
    for gen in range(1, generations + 1):
        update_global_array(gen)
        population = [[float(gen)] * 3 for _ in range(4)]
        scores.append(sum(toolbox.map(eval_symb_reg, population)))
    pool.close()
    pool.join()
    return scores


if __name__ == "__main__":
    scores = run()
    print("RESULT=%s" % scores)
    sys.exit(0 if scores == [0.0, 0.0] else 3)
