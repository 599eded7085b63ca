"""Start the mpguard language server with the extension's bundled libraries on sys.path.

Equivalent to ``python -m mpguard server``. MPGUARD_IMPORT_STRATEGY chooses where ``bundled/libs``
goes: ``useBundled`` (default) puts it first, so the bundled server and its dependencies win;
``fromEnvironment`` puts it last, so a copy installed in the interpreter's environment wins and the
bundled one only fills the gaps. (PYTHONPATH cannot express "last": it always precedes site-packages.)
"""
import os
import runpy
import sys

LIBS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "libs")


def main() -> None:
    # Drop this script's folder (sys.path[0]) so nothing here shadows a real module.
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    if os.environ.get("MPGUARD_IMPORT_STRATEGY", "useBundled") == "fromEnvironment":
        sys.path.append(LIBS)
    else:
        sys.path.insert(0, LIBS)
    sys.argv = ["mpguard", *(sys.argv[1:] or ["server"])]
    runpy.run_module("mpguard", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
