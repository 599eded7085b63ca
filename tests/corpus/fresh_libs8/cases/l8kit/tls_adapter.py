"""requests-toolbelt's SSLAdapter after the fix for requests/toolbelt#34.

``ssl_version`` is added to ``__attrs__`` so HTTPAdapter's pickling keeps it and
``__setstate__`` restores it before ``init_poolmanager`` runs.
"""
import ssl

from requests.adapters import HTTPAdapter
from urllib3.poolmanager import PoolManager


class SSLAdapter(HTTPAdapter):
    __attrs__ = HTTPAdapter.__attrs__ + ["ssl_version"]

    def __init__(self, ssl_version=None, **kwargs):
        self.ssl_version = ssl_version
        super().__init__(**kwargs)

    def init_poolmanager(self, connections, maxsize, block=False):
        self.poolmanager = PoolManager(
            num_pools=connections, maxsize=maxsize, block=block,
            ssl_minimum_version=self.ssl_version or ssl.TLSVersion.TLSv1_2)
