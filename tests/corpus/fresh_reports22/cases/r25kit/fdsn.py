"""An FDSN-like web-service client (obspy.clients.fdsn.Client's shape): the client keeps a
urllib opener built from handlers, one of them an HTTPS handler holding an SSL context."""
import ssl
import urllib.request as urllib_request

URL_MAPPINGS = {"EARTHSCOPE": "https://service.earthscope.org", "GEOFON": "https://geofon.gfz.de"}


class CustomRedirectHandler(urllib_request.HTTPRedirectHandler):
    pass


def build_opener(timeout):
    context = ssl.create_default_context()
    handlers = [CustomRedirectHandler(), urllib_request.HTTPSHandler(context=context)]
    opener = urllib_request.build_opener(*handlers)
    opener.timeout = timeout
    return opener


class Client:
    def __init__(self, base_url="EARTHSCOPE", timeout=120, user_agent="r25kit"):
        self.base_url = URL_MAPPINGS.get(base_url.upper(), base_url)
        self.timeout = timeout
        self.request_headers = {"User-Agent": user_agent}
        self._url_opener = build_opener(timeout)

    def get_waveforms(self, network, station, starttime, endtime):
        # Offline stand-in for the dataselect query: a deterministic trace length.
        span = int(endtime - starttime)
        return {"id": f"{network}.{station}", "npts": span * 100, "source": self.base_url}


def chunk_days(start, end, step):
    out = []
    t = start
    while t < end:
        out.append((t, min(t + step, end)))
        t += step
    return out
