# family: controlflow
# hazard: set-start-method-misuse
# line: 30 51
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: Shape of https://github.com/netease-youdao/QAnything/issues/283 ("RuntimeError: context has already been set" at server start, when two parts of one application each pick a start method). The converter CLI calls set_start_method("spawn") in main(); the plugin it then loads by name also calls set_start_method("spawn") in its setup() (it "needs spawn"); the second call raises under every start method.
"""Convert documents with the format plugin chosen on the command line.

Usage: convert.py [--plugin markdown|text] FILE...
"""
import argparse
import multiprocessing
import sys


class TextPlugin:
    name = "text"

    def setup(self):
        pass

    def convert(self, text):
        return text


class MarkdownPlugin:
    name = "markdown"

    def setup(self):
        # the renderer is not fork-safe
        multiprocessing.set_start_method("spawn")

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
    multiprocessing.set_start_method("spawn")
    plugin = PLUGINS[args.plugin]()
    plugin.setup()
    with multiprocessing.Pool(2) as pool:
        out = pool.map(convert_one, [(args.plugin, f) for f in args.files])
    print(f"RESULT={len(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
