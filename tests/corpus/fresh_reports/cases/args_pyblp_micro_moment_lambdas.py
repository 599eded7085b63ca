# family: args
# hazard: unpicklable-argument
# line: 53
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/jeffgortmaker/pyblp/issues/137 ("Unable to do parallel processing with micromoments ... it says it cannot pickle lambda functions, which is used to compute micro moments"; pyblp.parallel runs markets on a multiprocessing pool): micro moments are objects built with lambdas for compute_values, and each market handed to the pool carries them.
"""Solve the moments of several markets in parallel."""
import multiprocessing
import sys


class MicroDataset:
    def __init__(self, name, observations, compute_weights):
        self.name = name
        self.observations = observations
        self.compute_weights = compute_weights


class MicroMoment:
    def __init__(self, name, dataset, value, compute_values):
        self.name = name
        self.dataset = dataset
        self.value = value
        self.compute_values = compute_values


class Market:
    def __init__(self, market_id, prices, micro_moments):
        self.market_id = market_id
        self.prices = prices
        self.micro_moments = micro_moments

    def solve(self):
        out = {}
        for moment in self.micro_moments:
            weights = moment.dataset.compute_weights(self.market_id, self.prices)
            values = moment.compute_values(self.market_id, self.prices)
            out[moment.name] = sum(w * v for w, v in zip(weights, values)) - moment.value
        return self.market_id, out


def solve_market(market):
    return market.solve()


def main():
    dataset = MicroDataset("survey", 1000, compute_weights=lambda t, p: [1.0 / len(p)] * len(p))
    moments = [
        MicroMoment("mean price", dataset, 2.0, compute_values=lambda t, p: list(p)),
        MicroMoment("share above 2", dataset, 0.5, compute_values=lambda t, p: [float(x > 2) for x in p]),
    ]
    markets = [Market(t, [1.0 + t, 2.0 + t, 3.0], moments) for t in range(3)]
    with multiprocessing.Pool(2) as pool:
        results = dict(pool.map(solve_market, markets))
    print("RESULT=%s" % sorted(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
