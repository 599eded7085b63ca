"""onefl-deduper's linkage tables on SQLAlchemy (SQLite here) and the per-frame lookup of hashed patients."""
import hashlib
import uuid

from sqlalchemy import Column, Integer, String, create_engine, select
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()


class LinkageEntity(Base):
    __tablename__ = "linkage"
    id = Column(Integer, primary_key=True)
    partner_code = Column(String(3))
    linkage_patid = Column(String(64))
    linkage_hash = Column(String(64), index=True)
    linkage_uuid = Column(String(36))


def get_db_engine(config):
    return create_engine(config["DB_URL"])


def get_db_session(engine):
    return Session(engine)


def seed_database(config, known_hashes):
    engine = get_db_engine(config)
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        for n, ahash in enumerate(known_hashes):
            session.add(LinkageEntity(partner_code="UFH", linkage_patid=f"old-{n}", linkage_hash=ahash,
                                      linkage_uuid=str(uuid.UUID(int=n + 1))))
        session.commit()
    engine.dispose()


def hash_patient(first, last, dob):
    return hashlib.sha256(f"{first}|{last}|{dob}".lower().encode()).hexdigest()


def link_rows(session, rows, partner_code):
    """For each (patid, hash): the existing UUID of that hash, or a new one."""
    hashes = [ahash for _, ahash in rows]
    found = {e.linkage_hash: e.linkage_uuid for e in
             session.scalars(select(LinkageEntity).where(LinkageEntity.linkage_hash.in_(hashes)))}
    links = {}
    for patid, ahash in rows:
        links[patid] = found.get(ahash) or str(uuid.uuid5(uuid.NAMESPACE_OID, f"{partner_code}:{patid}"))
    return links, sum(1 for _, h in rows if h in found)
