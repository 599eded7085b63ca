# family: controlflow
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of https://github.com/netease-youdao/QAnything/issues/283: the converter and its plugin both want spawn, but each asks `get_start_method(allow_none=True)` first (which does not fix the context) and calls set_start_method only when nothing was chosen yet, so the plugin's call is skipped and nothing raises.
"""Convert documents with the format plugin chosen on the command line.

Usage: convert.py [--plugin markdown|text] FILE...
"""
import argparse
import multiprocessing
import sys


def ensure_spawn():
    if multiprocessing.get_start_method(allow_none=True) is None:
        multiprocessing.set_start_method("spawn")


class TextPlugin:
    name = "text"

    def setup(self):
        pass

    def convert(self, text):
        return text


class MarkdownPlugin:
    name = "markdown"

    def setup(self):
        ensure_spawn()

    def convert(self, text):
        return "\n".join("# " + line if line.isupper() else line for line in text.splitlines())


PLUGINS = {p.name: p for p in (TextPlugin, MarkdownPlugin)}


def convert_one(args):
    plugin_name, text = args
    return PLUGINS[plugin_name]().convert(text)


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--plugin", default="markdown", choices=sorted(PLUGINS))
    parser.add_argument("files", nargs="*", default=["TITLE\nbody", "INTRO\nmore"])
    args = parser.parse_args(argv)
    ensure_spawn()
    plugin = PLUGINS[args.plugin]()
    plugin.setup()
    with multiprocessing.Pool(2) as pool:
        out = pool.map(convert_one, [(args.plugin, f) for f in args.files])
    print(f"RESULT={len(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
