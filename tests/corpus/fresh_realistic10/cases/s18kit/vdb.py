"""Vector database clients for the benchmark runner: a registry and the shared base."""
import threading
from dataclasses import dataclass, field


class Connection:
    """Stand-in for a driver connection: it serialises its cursor with an RLock."""

    def __init__(self, dsn):
        self.dsn = dsn
        self._cursor_lock = threading.RLock()
        self.rows = 0

    def insert(self, batch):
        with self._cursor_lock:
            self.rows += len(batch)
            return len(batch)

    def close(self):
        pass


@dataclass
class DBConfig:
    dsn: str = "pg://localhost/bench"
    table: str = "items"
    batch_size: int = 50
    extra: dict = field(default_factory=dict)


class VectorDB:
    """Base class: subclasses must be picklable, the runner ships them to its processes."""
    name = "base"

    def __init__(self, config):
        self.config = config

    def init(self):
        raise NotImplementedError

    def insert_embeddings(self, batch):
        raise NotImplementedError


DB_CLIENTS = {}


def register(cls):
    DB_CLIENTS[cls.name] = cls
    return cls


class _Session:
    def __init__(self, db):
        self.db = db

    def __enter__(self):
        self.db.conn = Connection(self.db.config.dsn)
        return self.db

    def __exit__(self, *exc):
        self.db.conn.close()
        self.db.conn = None
        return False


@register
class LazyPgClient(VectorDB):
    """Keeps only its config; the connection is made by init() inside the worker process."""
    name = "pg-lazy"

    def __init__(self, config):
        super().__init__(config)
        self.conn = None

    def init(self):
        return _Session(self)

    def insert_embeddings(self, batch):
        return self.conn.insert(batch)
