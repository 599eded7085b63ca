# family: callable
# hazard: target-module-not-importable
# line: 35 r10kit/plugin_loader.py:28 r10kit/plugin_loader.py:29
# files: r10kit/plugin_loader.py r10kit/plugin_dir/weather.py
# expect: fork=ok spawn=error:ModuleNotFoundError forkserver=error:ModuleNotFoundError
# note: https://github.com/progval/Limnoria/issues/1600 -- plugins are loaded from directories that are not on sys.path, and commands.process() runs a plugin's function in a child; under forkserver (3.14's default) or spawn the child must import the plugin module to unpickle the function and cannot, so Limnoria depends on fork
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
    bot = Bot(BotConfig())
    bot.load_plugins()
    for line in ("weather forecast Paris", "weather forecast Oslo"):
        print(bot.dispatch(line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
