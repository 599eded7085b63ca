"""A bot plugin: loaded by file path as the top-level module "Weather"."""
from r10kit import plugin_loader

FORECASTS = {"paris": "sunny", "oslo": "snow"}


def _forecast(city):
    return "%s: %s" % (city, FORECASTS.get(city.lower(), "unknown"))


class Weather:
    def forecast(self, irc_args, ctx=None):
        # slow lookups run in a child so a stuck one cannot freeze the bot
        return plugin_loader.process(_forecast, irc_args[0], ctx=ctx)
