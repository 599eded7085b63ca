# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/csmetrics/csmetrics.net/issues/64 -- the fix proposed in the direction: workers return what they loaded and the serving process stores it in its own cache object
import multiprocessing
import sys

VENUE_DB = {
    "systems": ["OSDI", "SOSP", "EuroSys"],
    "ml": ["NeurIPS", "ICML"],
}


def load_area(area):
    return list(VENUE_DB.get(area, []))


class VenueService:
    def __init__(self, num_worker=2):
        self.num_worker = num_worker
        self.cache = []

    def update(self, areas):
        if self.num_worker == 1:
            batches = [load_area(a) for a in areas]
        else:
            with multiprocessing.Pool(self.num_worker) as pool:
                batches = pool.map(load_area, areas)
        for batch in batches:
            self.cache.extend(batch)
        return sum(len(b) for b in batches)

    def venues(self):
        return sorted(self.cache)


def main():
    service = VenueService(num_worker=2)
    loaded = service.update(["systems", "ml"])
    venues = service.venues()
    print(f"RESULT={loaded},{len(venues)}")
    sys.exit(0 if len(venues) == loaded else 3)


if __name__ == "__main__":
    main()
