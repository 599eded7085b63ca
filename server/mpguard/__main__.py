"""`python -m mpguard`. That form puts the working directory first on sys.path, so a project's own
`functools.py` or `ast.py` there would be imported by mpguard itself: it is dropped first (unless mpguard
is being run from its own source folder)."""
import os
import sys

_cwd = os.getcwd()
_home = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _cwd or os.path.abspath(p or ".") == _home]

from mpguard.cli import main  # noqa: E402  (after sys.path is made safe)

raise SystemExit(main())
