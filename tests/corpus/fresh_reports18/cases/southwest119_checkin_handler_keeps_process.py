# family: args
# hazard: started-process-held-by-bound-method-target
# line: 30 36
# files: r22kit/flights.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/jdholtz/auto-southwest-check-in/issues/119 -- v4.2 stopped checking in on macOS: CheckInHandler.__init__ stored self.process = Process(target=self._set_check_in) and the CheckInScheduler kept every handler in self.checkin_handlers, so under spawn starting the second flight's handler pickled the bound method, its handler, the scheduler and the first handler's already-started Process (whose Popen finalizer holds a weakref): TypeError: cannot pickle 'weakref.ReferenceType' object (fixed in PR #120, fddc8af)
"""Schedule automatic check-ins for every flight of a reservation (auto-southwest-check-in-like)."""
from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
from datetime import datetime, timedelta

from r22kit.flights import Flight, NotificationHandler, load_reservation


class CheckInHandler:
    """
    Handles checking in for a single flight.

    Sleeps until the flight's check-in time and then attempts the check in.
    """

    def __init__(self, checkin_scheduler: "CheckInScheduler", flight: Flight) -> None:
        self.checkin_scheduler = checkin_scheduler
        self.flight = flight
        self.process = multiprocessing.Process(target=self._set_check_in)

        self.notification_handler = checkin_scheduler.notification_handler
        self.first_name = checkin_scheduler.first_name

    def schedule_check_in(self) -> None:
        self.process.start()

    def wait(self) -> int:
        self.process.join()
        return self.process.exitcode

    def _set_check_in(self) -> None:
        # Starts to check in five seconds early in case the Southwest server is ahead
        checkin_time = self.flight.departure_time - timedelta(days=1, seconds=5)
        if checkin_time > datetime.utcnow() + timedelta(days=1):
            return
        boarding = "A" + str(10 + len(self.flight.origin))
        self.notification_handler.successful_checkin(self.flight, boarding)
        marker = os.path.join(self.checkin_scheduler.results_dir, self.flight.key)
        with open(marker, "w") as fh:
            fh.write(f"{self.first_name} {boarding}\n")


class CheckInScheduler:
    def __init__(self, first_name: str, notification_handler: NotificationHandler, results_dir: str):
        self.first_name = first_name
        self.notification_handler = notification_handler
        self.results_dir = results_dir
        self.flights = []
        self.checkin_handlers = []

    def process_reservations(self, confirmation_numbers) -> None:
        now = datetime.utcnow()
        for number in confirmation_numbers:
            self._schedule_flights(load_reservation(number, now))

    def _schedule_flights(self, flights) -> None:
        for flight in flights:
            checkin_handler = CheckInHandler(self, flight)
            checkin_handler.schedule_check_in()
            self.checkin_handlers.append(checkin_handler)
            self.flights.append(flight)

    def wait_all(self) -> list:
        return [handler.wait() for handler in self.checkin_handlers]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("confirmation", nargs="?", default="ABC123")
    parser.add_argument("--first-name", default="John")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as results_dir:
        scheduler = CheckInScheduler(args.first_name, NotificationHandler(["json://localhost"]), results_dir)
        scheduler.process_reservations([args.confirmation])
        codes = scheduler.wait_all()
        checked_in = len(os.listdir(results_dir))
    print(f"RESULT={checked_in}")
    return 0 if checked_in == 2 and codes == [0, 0] else 3


if __name__ == "__main__":
    sys.exit(main())
