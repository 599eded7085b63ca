# family: callable
# hazard: none
# line: none
# files: r10kit/plugin_loader.py r10kit/plugin_dir/weather.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/progval/Limnoria/issues/1600 -- the workaround Limnoria ships (PR #1599, referenced in the issue): commands.process() is given an explicit fork context, so the child is a copy of the bot with the plugin module already loaded and nothing needs importing
import multiprocessing
import sys
from dataclasses import dataclass, field

from r10kit import plugin_loader


@dataclass
class BotConfig:
    plugins: list = field(default_factory=lambda: ["Weather"])
    process_timeout: float = 5.0


class Bot:
    def __init__(self, config: BotConfig, process_context=None):
        self.config = config
        self.process_context = process_context
        self.commands = {}

    def load_plugins(self):
        for name in self.config.plugins:
            module = plugin_loader.load_plugin(name)
            instance = getattr(module, name)()
            self.commands[name.lower()] = instance

    def dispatch(self, line):
        plugin, command, *args = line.split()
        handler = getattr(self.commands[plugin], command)
        return handler(args, ctx=self.process_context)


def main():
    bot = Bot(BotConfig(), process_context=multiprocessing.get_context("fork"))
    bot.load_plugins()
    for line in ("weather forecast Paris", "weather forecast Oslo"):
        print(bot.dispatch(line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
