# family: exceptions
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of the exception-with-resource shape (https://github.com/sybrenjansen/mpire/issues/58): the error keeps only the seat and the row names (plain data), not the seat map with its lock, so it travels back to the parent.
"""Reserve seats on a pool; a failed reservation carries the seat map it failed on."""
import threading
from concurrent.futures import ProcessPoolExecutor


class SeatMap:
    def __init__(self, rows):
        self.rows = rows
        self.taken = set()
        self.lock = threading.RLock()

    def reserve(self, seat):
        with self.lock:
            if seat in self.taken or seat[0] not in self.rows:
                raise ReservationError(f"seat {seat} unavailable", self.rows)
            self.taken.add(seat)
            return seat


class ReservationError(Exception):
    def __init__(self, message, rows):
        super().__init__(message, rows)
        self.rows = rows


def reserve_all(request):
    seat_map = SeatMap(rows="ABC")
    return [seat_map.reserve(seat) for seat in request]


def main():
    requests = [["A1", "A2"], ["Z9"], ["B1"]]
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(reserve_all, r) for r in requests]
        for fut in futures:
            try:
                print(fut.result(timeout=20))
            except ReservationError as exc:
                print("rejected:", exc)


if __name__ == "__main__":
    main()
