# family: returns
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss, the fix discussed in https://github.com/python/cpython/issues/103061 ("Exception classes assume that it can restore itself when pickling with the arguments given"): the quote error has a custom __init__ with two arguments but passes both to super().__init__, so its args rebuild it in the parent; the worker raises it from ProcessPoolExecutor tasks and the caller catches it under every start method.
"""Quote shipping for a list of parcels; unknown destinations are reported, not fatal."""
from concurrent.futures import ProcessPoolExecutor

ZONES = {"DE": 1, "FR": 1, "US": 3, "JP": 4}


class QuoteError(Exception):
    def __init__(self, parcel_id, country):
        super().__init__(parcel_id, country)
        self.parcel_id = parcel_id
        self.country = country

    def __str__(self):
        return f"parcel {self.parcel_id}: no zone for {self.country}"


def quote(parcel):
    parcel_id, country, kg = parcel
    zone = ZONES.get(country)
    if zone is None:
        raise QuoteError(parcel_id, country)
    return parcel_id, round(4.5 * zone + 1.2 * kg, 2)


def main():
    parcels = [(1, "DE", 2.0), (2, "BR", 1.0), (3, "JP", 0.5)]
    quotes, problems = {}, []
    with ProcessPoolExecutor(max_workers=2) as pool:
        for fut in [pool.submit(quote, p) for p in parcels]:
            try:
                pid, price = fut.result(timeout=10)
                quotes[pid] = price
            except QuoteError as exc:
                problems.append(str(exc))
    print("RESULT=%s" % [sorted(quotes.items()), problems])


if __name__ == "__main__":
    main()
