"""A client that connects in its constructor (as the reported database client did)."""
from s18kit.vdb import Connection, VectorDB, register


class _NoSession:
    def __init__(self, db):
        self.db = db

    def __enter__(self):
        return self.db

    def __exit__(self, *exc):
        return False


@register
class EagerPgClient(VectorDB):
    name = "pg-eager"

    def __init__(self, config):
        super().__init__(config)
        self.conn = Connection(config.dsn)

    def init(self):
        return _NoSession(self)

    def insert_embeddings(self, batch):
        return self.conn.insert(batch)
