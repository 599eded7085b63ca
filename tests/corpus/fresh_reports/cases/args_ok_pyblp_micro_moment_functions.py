# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The workaround given in https://github.com/jeffgortmaker/pyblp/issues/137 ("I've found a workaround of just defining my own functions using the def function_name(t,p,a) syntax for compute_weights, compute_values ... without any lambda expressions, the default multiprocessing works"): the micro moments hold module-level functions, which pickle by name.
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


def uniform_weights(t, p):
    return [1.0 / len(p)] * len(p)


def price_values(t, p):
    return list(p)


def above_two_values(t, p):
    return [float(x > 2) for x in p]


def main():
    dataset = MicroDataset("survey", 1000, compute_weights=uniform_weights)
    moments = [
        MicroMoment("mean price", dataset, 2.0, compute_values=price_values),
        MicroMoment("share above 2", dataset, 0.5, compute_values=above_two_values),
    ]
    markets = [Market(t, [1.0 + t, 2.0 + t, 3.0], moments) for t in range(3)]
    with multiprocessing.Pool(2) as pool:
        results = dict(pool.map(solve_market, markets))
    print("RESULT=%s" % sorted(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
