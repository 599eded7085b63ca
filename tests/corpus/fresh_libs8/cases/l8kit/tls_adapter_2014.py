"""requests-toolbelt's SSLAdapter as reported in requests/toolbelt#34 (before the fix).

``ssl_version`` is an instance attribute that ``init_poolmanager`` needs, but it is not listed in
``__attrs__``: HTTPAdapter.__getstate__ drops it and HTTPAdapter.__setstate__ calls
``init_poolmanager`` while rebuilding the adapter, which then has no ``ssl_version``.
"""
import ssl

from requests.adapters import HTTPAdapter
from urllib3.poolmanager import PoolManager


class SSLAdapter(HTTPAdapter):
    def __init__(self, ssl_version=None, **kwargs):
        self.ssl_version = ssl_version
        super().__init__(**kwargs)

    def init_poolmanager(self, connections, maxsize, block=False):
        self.poolmanager = PoolManager(
            num_pools=connections, maxsize=maxsize, block=block,
            ssl_minimum_version=self.ssl_version or ssl.TLSVersion.TLSv1_2)
