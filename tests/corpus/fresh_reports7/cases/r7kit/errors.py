"""Client-side exceptions, in the shapes of lancedb's LanceDBClientError and
paramiko's NoValidConnectionsError."""
import socket


class ClientError(Exception):
    """Needs a request id, but only the message reaches Exception.__init__."""

    def __init__(self, message, request_id):
        super().__init__(message)
        self.request_id = request_id


class ClientErrorWithDefault(Exception):
    """The request id has a default, so cls(*args) rebuilds it."""

    def __init__(self, message, request_id=None):
        super().__init__(message)
        self.request_id = request_id


class NoValidConnectionsError(socket.error):
    """errors maps (host, port) to the error raised for it."""

    def __init__(self, errors):
        addrs = sorted(str(a) for a in errors)
        msg = "Unable to connect to port {} on {}".format(22, ", ".join(addrs))
        super().__init__(None, msg)
        self.errors = errors


class PicklableNoValidConnectionsError(NoValidConnectionsError):
    """paramiko's fix: rebuild from the errors mapping."""

    def __reduce__(self):
        return (self.__class__, (self.errors,))
