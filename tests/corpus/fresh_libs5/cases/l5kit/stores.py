"""Database handles built the way the threads build them; nothing here connects."""
import sqlalchemy as sa
from psycopg2 import pool as pgpool
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()


class Prediction(Base):
    __tablename__ = "prediction"
    id = sa.Column(sa.Integer, primary_key=True)
    player = sa.Column(sa.String)
    points = sa.Column(sa.Float)


def make_session(url):
    engine = sa.create_engine(url)
    Base.metadata.create_all(engine)
    return Session(engine)


class PgStore:
    """A SQL manager on psycopg2's ThreadedConnectionPool (minconn=0: no connection yet)."""

    def __init__(self, dsn, maxconn=4):
        self.dsn = dsn
        self.pool = pgpool.ThreadedConnectionPool(0, maxconn, dsn)

    def table_for(self, key):
        return "events_%s" % key


class SimplePgStore:
    """The same manager on SimpleConnectionPool, which has no lock."""

    def __init__(self, dsn, maxconn=4):
        self.dsn = dsn
        self.pool = pgpool.SimpleConnectionPool(0, maxconn, dsn)

    def table_for(self, key):
        return "events_%s" % key
