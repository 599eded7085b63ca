"""The real language server (`mpguard server`), with a few functions counted: each call appends one line
"<what> <detail>" to the file named by $MPGUARD_COUNT_FILE. Tests read it after the session to prove
work is *not* done (a module summarised once, no whole-file parse for a hover) by counting, not timing.

    python tests/counting_server.py [server options]
"""
import os
import sys


def _counted(module, name: str, what: str, detail):
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        with open(os.environ["MPGUARD_COUNT_FILE"], "a", encoding="utf-8") as out:
            out.write(f"{what} {detail(*args, **kwargs)}\n")
        return original(*args, **kwargs)

    setattr(module, name, wrapper)


def install() -> None:
    from mpguard.lsp import analysis, hover

    # analysis.py hands these functions to the resolvers it builds: every whole summary of a project module.
    from dataclasses import replace

    holder = type("Holder", (), {"whole": analysis.SUMMARIZER.whole})
    _counted(holder, "whole", "summarize", lambda data, path, module, resolver=None: path)
    analysis.SUMMARIZER = replace(analysis.SUMMARIZER, whole=holder.whole)
    # hover.py's parses: the statement under the cursor, the imports, or (small files only) the file.
    _counted(hover, "parse", "hover-parse", lambda text, *args, **kwargs: len(text))


if __name__ == "__main__":
    install()
    from mpguard.cli.main import main

    sys.exit(main(["server", *sys.argv[1:]]))
