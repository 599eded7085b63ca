# family: state
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/bessagroup/f3dasm/issues/247 -- ExperimentData.evaluate(mode='parallel') runs the data generator in a pathos pool and every forked worker inherits numpy's global random state, so the "random" noise of each parallel job is the same; this program is a data generator adding np.random noise to samples evaluated through pathos.pools.ProcessPool with a lambda (dill sends it), and with numpy 2.x the forked workers draw different noise, so it runs right under every start method
"""Evaluate a noisy benchmark function over a design of experiments in parallel."""
import sys
from dataclasses import dataclass

import numpy as np
from pathos.pools import ProcessPool


@dataclass
class Sample:
    job_number: int
    x: tuple


class NoisyAckley:
    def __init__(self, noise=0.5):
        self.noise = noise

    def f(self, x):
        x = np.asarray(x)
        clean = -20.0 * np.exp(-0.2 * np.sqrt(0.5 * (x ** 2).sum())) + 20.0
        return float(clean + np.random.normal(0.0, self.noise))


class ExperimentData:
    def __init__(self, samples):
        self.samples = samples
        self.outputs = {}

    def evaluate(self, data_generator, mode="sequential", nodes=2):
        if mode == "parallel":
            pool = ProcessPool(nodes=nodes)
            try:
                outputs = pool.map(lambda s: (s.job_number, data_generator.f(s.x)), self.samples)
            finally:
                pool.close()
                pool.join()
                pool.clear()
        else:
            outputs = [(s.job_number, data_generator.f(s.x)) for s in self.samples]
        self.outputs.update(outputs)


def main():
    # the same design point four times: only the noise tells the jobs apart
    samples = [Sample(job_number=i, x=(0.5, -0.5)) for i in range(4)]
    data = ExperimentData(samples)
    data.evaluate(NoisyAckley(), mode="parallel", nodes=2)
    distinct = len({round(y, 9) for y in data.outputs.values()})
    print("RESULT=%d" % distinct)
    return 0 if distinct == len(samples) else 3


if __name__ == "__main__":
    sys.exit(main())
