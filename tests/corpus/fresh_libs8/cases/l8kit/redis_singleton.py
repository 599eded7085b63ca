"""optionchainstream's redis_instrument.py after PR #7: one client per process, made on first use."""
import json

import redis


class RedisInstrument:
    _instance = None

    def __new__(cls, host="localhost", port=6379):
        if cls._instance is None:
            inst = super().__new__(cls)
            inst.redis_db = redis.StrictRedis(host=host, port=port, db=0)
            cls._instance = inst
        return cls._instance

    def store_option_data(self, record):
        pipe = self.redis_db.pipeline()
        pipe.hset("options:%s" % record["symbol"], mapping={"ltp": record["ltp"]})
        pipe.publish("option_chain", json.dumps(record))
        return len(pipe.command_stack)


def store(record):
    return RedisInstrument().store_option_data(record)
