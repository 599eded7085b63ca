"""optionchainstream's redis_instrument.py before PR #7, reduced: the client lives on the object."""
import json

import redis


class RedisInstrument:
    def __init__(self, host="localhost", port=6379):
        self.redis_db = redis.StrictRedis(host=host, port=port, db=0)

    def store_option_data(self, record):
        # queue the commands only; a pipeline talks to the server at execute()
        pipe = self.redis_db.pipeline()
        pipe.hset("options:%s" % record["symbol"], mapping={"ltp": record["ltp"]})
        pipe.publish("option_chain", json.dumps(record))
        return len(pipe.command_stack)
