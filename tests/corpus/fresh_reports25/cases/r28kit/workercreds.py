"""wool-like local worker runtime: a worker process serves tasks over a (mutual) TLS channel.

WorkerCredentials is a plain, picklable dataclass of PEM paths; its properties build the ssl contexts
(the real project builds grpc.ServerCredentials / grpc.ChannelCredentials, which do not pickle either)."""
import multiprocessing
import ssl
from dataclasses import dataclass


@dataclass(frozen=True)
class WorkerCredentials:
    ca_path: str
    key_path: str
    cert_path: str
    mutual: bool = True

    @property
    def server_credentials(self):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.verify_mode = ssl.CERT_REQUIRED if self.mutual else ssl.CERT_NONE
        return ctx

    @property
    def client_credentials(self):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        return ctx


def describe(ctx):
    if ctx is None:
        return "insecure"
    return "mtls" if ctx.verify_mode == ssl.CERT_REQUIRED else "tls"


class WorkerProcess(multiprocessing.Process):
    """One worker. Whatever it is given is kept on the instance and read in run(), in the child."""

    def __init__(self, *, tags, ready, server_credentials=None, client_credentials=None, credentials=None):
        super().__init__(name="wool-worker-" + "-".join(tags))
        self.tags = tuple(tags)
        self._ready = ready
        self._server_credentials = server_credentials
        self._client_credentials = client_credentials
        self._credentials = credentials

    def run(self):
        server = self._server_credentials
        if server is None and self._credentials is not None:
            server = self._credentials.server_credentials  # resolved here, after the fork/spawn
        self._ready.put((self.tags, describe(server)))
