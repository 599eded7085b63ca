"""The maintainer's utility class from the thread: a session that travels as JSON and rebuilds its client."""
import json

from .broker import BASE_URL, Session, make_client


class SerializableSession(Session):
    def __init__(self, serialized):
        data = json.loads(serialized)
        self.session_token = data["session_token"]
        self.remember_token = data["remember_token"]
        self.is_test = data["is_test"]
        self.sync_client = make_client(self.session_token)

    @staticmethod
    def serialize(session):
        return json.dumps({"session_token": session.session_token, "remember_token": session.remember_token,
                           "is_test": session.is_test, "base_url": BASE_URL})
