"""A vector-search HTTP client stand-in: responses keep a handle on the pooled connection."""
import threading


class PooledConnection:
    def __init__(self, host):
        self.host = host
        self._lock = threading.RLock()


class Response:
    def __init__(self, status, body, connection):
        self.status = status
        self.body = body
        self.connection = connection  # like urllib3's HTTPResponse keeping its pool connection

    @property
    def ok(self):
        return 200 <= self.status < 300


class SearchClient:
    def __init__(self, host="localhost:6333", collection="bench"):
        self.host = host
        self.collection = collection
        self._conn = None

    def connect(self):
        self._conn = PooledConnection(self.host)
        return self

    def search(self, query_id, vector, top=3):
        if query_id % 7 == 3:  # the server rejects some requests under load
            return Response(503, {"status": {"error": "replica of shard has state Dead"}}, self._conn)
        hits = sorted(((abs(hash((query_id, i))) % 1000, i) for i in range(10)))[:top]
        return Response(200, {"result": [i for _, i in hits]}, self._conn)
