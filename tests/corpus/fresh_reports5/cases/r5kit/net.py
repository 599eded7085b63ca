"""HTTP settings carrying a TLS context (dask #5650 / webknossos-libs #1223 shapes)."""
import ssl
from dataclasses import dataclass, field


@dataclass
class HttpSettings:
    base_url: str
    timeout: float = 5.0
    ssl_context: object = None


def secure_settings(base_url):
    return HttpSettings(base_url, ssl_context=ssl.create_default_context())


class PicklableContext:
    """Rebuilds the SSLContext in the receiving process (the webknossos-libs fix)."""

    def __init__(self, cafile=None):
        self.cafile = cafile
        self.context = ssl.create_default_context(cafile=cafile)

    def __getstate__(self):
        return {"cafile": self.cafile}

    def __setstate__(self, state):
        self.__init__(state["cafile"])


@dataclass
class SafeHttpSettings:
    base_url: str
    tls: PicklableContext = field(default_factory=PicklableContext)
