"""samlkeygen-like profile record handed to each worker explicitly."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    username: str
    password: str
    idp: str = "https://idp.example.test/adfs"

    def assertion_for(self, role):
        return "%s@%s:%s" % (self.username, role, len(self.password))
