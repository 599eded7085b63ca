"""The self-contained pickleable SSL context proposed in scikit-hep/uproot5#1248."""
import ssl


class PickleableSSLContext(ssl.SSLContext):
    @classmethod
    def create(cls, protocol=ssl.PROTOCOL_TLS_CLIENT, cafile=None):
        out = cls(protocol)
        out._cafile = cafile
        out._set_default_state()
        return out

    def _set_default_state(self):
        if getattr(self, "_cafile", None):
            self.load_verify_locations(self._cafile)
        elif self.verify_mode != ssl.CERT_NONE:
            self.load_default_certs()

    def __reduce__(self):
        return _rebuild, (self.protocol, getattr(self, "_cafile", None))


def _rebuild(protocol, cafile):
    return PickleableSSLContext.create(protocol, cafile)
