# family: args
# hazard: none
# line: none
# files: r22kit/flights.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/jdholtz/auto-southwest-check-in/pull/120 -- the fix (fddc8af, "Fix process handling when multiprocessing start method is 'spawn'"): the handler no longer keeps the Process object; schedule_check_in makes a local Process, starts it and keeps only its pid, and waits on the pid with os.waitpid (7d412f5 in the same PR: except ChildProcessError, for processes that are not the script's children), so a later handler's pickled scheduler carries no started Process
"""Schedule automatic check-ins for every flight of a reservation (auto-southwest-check-in-like)."""
from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
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
        self.pid = None

        self.notification_handler = checkin_scheduler.notification_handler
        self.first_name = checkin_scheduler.first_name

    def schedule_check_in(self) -> None:
        process = multiprocessing.Process(target=self._set_check_in)
        process.start()
        self.pid = process.pid

    def wait(self) -> int:
        # Wait so zombie (defunct) processes are not created
        try:
            _, status = os.waitpid(self.pid, 0)
            return os.waitstatus_to_exitcode(status)
        except ChildProcessError:
            # Not our child (a forkserver's, or Windows): wait until the pid is gone
            while True:
                try:
                    os.kill(self.pid, 0)
                except ProcessLookupError:
                    return 0
                time.sleep(0.05)

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
