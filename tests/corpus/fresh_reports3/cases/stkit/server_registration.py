"""Stand-in for the crawler's utils/server_registration.py."""
from stkit.node import Node


def get_app(config):
    class App:
        def __init__(self, dataframe):
            self.dataframe = dataframe

        def execute(self):
            return "registered %s at %s:%d" % (config["user_agent"], config["host"], config["port"])
    return App


def get_cache_server(config, restart):
    init_node = Node(get_app(config), dataframe={"restart": restart})
    return init_node.start()
