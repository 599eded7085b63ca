"""A requests transport adapter that answers locally, so the cases never touch the network."""
import json

from requests.adapters import BaseAdapter
from requests.models import Response
from requests.structures import CaseInsensitiveDict


class OfflineAdapter(BaseAdapter):
    """Answers every request with a small JSON document built from the URL."""

    def __init__(self, status=200):
        super().__init__()
        self.status = status

    def send(self, request, **kwargs):
        resp = Response()
        resp.status_code = self.status
        resp.url = request.url
        resp.request = request
        resp.headers = CaseInsensitiveDict({"Content-Type": "application/json"})
        body = {"url": request.url, "uuid": "uuid-%d" % (len(request.url) * 7919 % 10007)}
        resp._content = json.dumps(body).encode()
        resp.encoding = "utf-8"
        resp.reason = "OK"
        return resp

    def close(self):
        pass
