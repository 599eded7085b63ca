# family: globals
# hazard: child-mutates-global
# line: 19
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: https://github.com/csmetrics/csmetrics.net/issues/64 -- /update and /venue sometimes returned an empty list: the lookups ran in worker processes that filled a module-level list, which the serving process never saw (with num_worker=1 the bug disappeared)
import multiprocessing
import sys

VENUE_CACHE = []

VENUE_DB = {
    "systems": ["OSDI", "SOSP", "EuroSys"],
    "ml": ["NeurIPS", "ICML"],
}


def load_area(area):
    venues = VENUE_DB.get(area, [])
    VENUE_CACHE.extend(venues)
    return len(venues)


class VenueService:
    def __init__(self, num_worker=2):
        self.num_worker = num_worker

    def update(self, areas):
        if self.num_worker == 1:
            counts = [load_area(a) for a in areas]
        else:
            with multiprocessing.Pool(self.num_worker) as pool:
                counts = pool.map(load_area, areas)
        return sum(counts)

    def venues(self):
        return sorted(VENUE_CACHE)


def main():
    service = VenueService(num_worker=2)
    loaded = service.update(["systems", "ml"])
    venues = service.venues()
    print(f"RESULT={loaded},{len(venues)}")
    sys.exit(0 if len(venues) == loaded else 3)


if __name__ == "__main__":
    main()
