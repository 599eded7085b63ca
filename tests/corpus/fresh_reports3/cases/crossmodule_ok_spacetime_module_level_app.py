# family: crossmodule
# hazard: none
# line: none
# files: stkit/__init__.py stkit/node.py stkit/server_registration_fixed.py
# timeout: 15
# expect: fork=ok spawn=ok forkserver=ok
# note: A working form of the registration in https://github.com/Mondego/spacetime-crawler4py/issues/33 ("Can't pickle local object 'get_app.<locals>.App'"): the app class is defined at module level in the helper and the config travels in the node's dataframe, so the Node (a Process subclass) pickles under spawn.
"""Launch the crawler: register with the cache server first."""
from stkit.server_registration_fixed import get_cache_server


def main(config_file, restart):
    config = {"user_agent": "IR UW23 1234", "host": "styx.ics.uci.edu", "port": 9000, "file": config_file}
    config["cache_server"] = get_cache_server(config, restart)
    return config


if __name__ == "__main__":
    cfg = main("config.ini", restart=False)
    print("RESULT=%s" % cfg["cache_server"])
