"""myscan's globals with the reporter's work-round: the redis spec is also written to the environment,
and get_redis() rebuilds the connection when the module global is still None (a spawned worker)."""
import os

import redis

cmd_line_options = {}
redis_conn = None
_ENV_KEY = "MYSCAN_REDIS_SPEC"


def init_options(options: dict):
    cmd_line_options.update(options)


def _connect(spec: str):
    password, _, address = spec.rpartition("@")
    host, port, db = address.split(":")
    return redis.Redis(host=host, port=int(port), db=int(db), password=password or None,
                       socket_connect_timeout=1)


def set_conn(spec: str):
    global redis_conn
    os.environ[_ENV_KEY] = spec
    redis_conn = _connect(spec)


def get_redis():
    global redis_conn
    if redis_conn is None and os.environ.get(_ENV_KEY):
        redis_conn = _connect(os.environ[_ENV_KEY])
    return redis_conn
