"""Flights, reservations and notifications for the check-in scheduler programs."""
from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta


@dataclasses.dataclass
class Flight:
    confirmation_number: str
    origin: str
    destination: str
    departure_time: datetime

    @property
    def key(self) -> str:
        return f"{self.confirmation_number}-{self.origin}-{self.destination}"


class NotificationHandler:
    """Keeps the messages it would send (apprise URLs in the real tool)."""

    def __init__(self, urls):
        self.urls = list(urls)
        self.sent = []

    def successful_checkin(self, flight: Flight, boarding: str) -> str:
        message = f"Checked in to {flight.origin}->{flight.destination}: {boarding}"
        self.sent.append(message)
        return message


def load_reservation(confirmation_number: str, now: datetime) -> list:
    """Two legs of a round trip, both already inside the check-in window."""
    return [
        Flight(confirmation_number, "ABQ", "RDU", now + timedelta(hours=20)),
        Flight(confirmation_number, "RDU", "ABQ", now + timedelta(hours=22)),
    ]
