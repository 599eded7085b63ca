# family: crossmodule
# hazard: unpicklable-argument
# line: 14
# files: stkit/__init__.py stkit/node.py stkit/server_registration.py
# timeout: 15
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/Mondego/spacetime-crawler4py/issues/33 ("AttributeError: Can't pickle local object 'get_app.<locals>.App'" from launch.py -> utils/server_registration.py get_cache_server -> spacetime node.start on Windows): the crawler's registration helper builds the app class inside get_app() (closing over the config) and hands it to a spacetime Node, a Process subclass that keeps the class as an attribute; under spawn the node itself is pickled. Reduced: stkit stands for spacetime's Node and the crawler's utils module.
"""Launch the crawler: register with the cache server first."""
from stkit.server_registration import get_cache_server


def main(config_file, restart):
    config = {"user_agent": "IR UW23 1234", "host": "styx.ics.uci.edu", "port": 9000, "file": config_file}
    config["cache_server"] = get_cache_server(config, restart)
    return config


if __name__ == "__main__":
    cfg = main("config.ini", restart=False)
    print("RESULT=%s" % cfg["cache_server"])
