"""Process-wide settings for the uploader programs."""

API_BASE = "https://default.invalid"


def configure(base):
    global API_BASE
    API_BASE = base


def endpoint(name):
    return f"{API_BASE}/{name}"
