"""Stand-in for the crawler's utils/server_registration.py with a module-level app."""
from stkit.node import Node


class RegistrationApp:
    def __init__(self, dataframe):
        self.dataframe = dataframe

    def execute(self):
        cfg = self.dataframe["config"]
        return "registered %s at %s:%d" % (cfg["user_agent"], cfg["host"], cfg["port"])


def get_cache_server(config, restart):
    init_node = Node(RegistrationApp, dataframe={"restart": restart, "config": dict(config)})
    return init_node.start()
