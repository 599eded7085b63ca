# family: exceptions
# hazard: unpicklable-exception
# line: 28 39 20
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/python/cpython/issues/79492 and https://github.com/sybrenjansen/mpire/issues/58 (exceptions that cannot travel back from a worker) with the lock of https://github.com/mailpile/moggie/issues/14: the task's error keeps the failing resource object as an attribute, and that object holds a threading.RLock, so the worker cannot pickle the exception it sends back.
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
                raise ReservationError(f"seat {seat} unavailable", self)
            self.taken.add(seat)
            return seat


class ReservationError(Exception):
    def __init__(self, message, seat_map):
        super().__init__(message)
        self.seat_map = seat_map


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
