"""samlkeygen-like credential cache: the password is kept in a module global once entered."""
import sys

_password = None
_username = None


def authenticate(username, password):
    global _password, _username
    _username = username
    _password = password          # set in the parent only
    return _username


def current_password():
    if _password is None:
        return prompt_for_pin()
    return _password


def prompt_for_pin():
    sys.stderr.write("PIN+token for %s: " % _username)
    return input()
