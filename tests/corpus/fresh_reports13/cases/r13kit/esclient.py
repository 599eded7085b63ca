"""A tiny elasticsearch-like client: the transport keeps its connection pool through a weak
reference (the pool may be replaced by a sniffer), as the real client's transport does."""
import weakref


class ConnectionPool:
    def __init__(self, hosts):
        self.hosts = list(hosts)

    def get_connection(self):
        return self.hosts[0]


class Transport:
    def __init__(self, hosts):
        self._pool = ConnectionPool(hosts)
        self._pool_ref = weakref.ref(self._pool)

    def perform_request(self, method, url, body=None):
        pool = self._pool_ref()
        return {"host": pool.get_connection(), "method": method, "url": url, "body": body}


class Elasticsearch:
    def __init__(self, hosts=("http://localhost:9200",)):
        self.transport = Transport(hosts)

    def index(self, index, id, body):
        return self.transport.perform_request("PUT", "/{}/_doc/{}".format(index, id), body)
