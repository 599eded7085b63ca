"""myscan's lib/data.py and lib/redis.py in miniature: the parsed command line and the redis connection
are module globals that the start-up code fills in."""
import redis

cmd_line_options = {}
redis_conn = None


def init_options(options: dict):
    cmd_line_options.update(options)


def set_conn(spec: str):
    """spec is password@host:port:db, as myscan's --redis option."""
    global redis_conn
    password, _, address = spec.rpartition("@")
    host, port, db = address.split(":")
    redis_conn = redis.Redis(host=host, port=int(port), db=int(db), password=password or None,
                             socket_connect_timeout=1)


def get_redis():
    return redis_conn
