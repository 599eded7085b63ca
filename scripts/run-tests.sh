#!/usr/bin/env bash
# The whole test suite, from a clean clone: installs what the tests need, then runs pytest.
#   1. a virtual environment in .venv with mpguard, its test extras and the libraries the runtime tests
#      run (the libs and catalog extras; pip, from PyPI);
#   2. best effort, where apt can be used (root or sudo): the headless editors (Neovim, Emacs +
#      eglot) and, for the VS Code test, Chromium, code-server and the extension's .vsix.
#      Set MPGUARD_SKIP_EDITORS=1 to skip step 2; the tests that need them then skip with a reason.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

"$PYTHON" -m venv .venv
# The libraries mpguard catalogs (libs) and the ones its pickle catalog was measured with (catalog) let
# the runtime tests run the real libraries under every start method; without them those tests skip.
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test,libs,catalog]' \
    || { echo "run-tests: the libs/catalog extras did not install; their runtime tests will skip" >&2
         .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'; }

# PyTorch and Lightning, for the runtime tests of MP422 and of Lightning's launchers: only a torch wheel
# this machine already holds (pip's find-links; a CPU build of ~190 MB), never a download of a CUDA build
# of several GB; lightning then needs no other torch. Without one, those tests skip with a reason.
wheels=$(mktemp -d)
if .venv/bin/python -m pip download --quiet --disable-pip-version-check --no-index --no-deps torch -d "$wheels" \
        >/dev/null 2>&1 && ls "$wheels"/torch-*.whl >/dev/null 2>&1; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check "$wheels"/torch-*.whl lightning \
        || echo "run-tests: torch/lightning did not install; their runtime tests will skip" >&2
else
    echo "run-tests: no local torch wheel; the PyTorch and Lightning runtime tests will skip" >&2
fi
rm -rf "$wheels"

can_apt() {
    command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }
}
if [ "${MPGUARD_SKIP_EDITORS:-0}" != 1 ] && can_apt; then
    bash scripts/install_editors.sh || echo "run-tests: editors not installed; their tests will skip" >&2
    if command -v npm >/dev/null 2>&1; then
        PATH="$PWD/.venv/bin:$PATH" sh scripts/install_vscode_e2e.sh \
            || echo "run-tests: VS Code e2e tools not installed; that test will skip" >&2
    fi
fi

# The suite on this Python (.venv, every extra, the editors) and on the other Pythons mpguard claims
# (3.10-3.14; 3.14 in the chroot, see docs/python-3.14.md; absent ones are skipped with a message) run as
# jobs of one pool, three at a time on two cores, each log printed whole when its suite ends; the other
# versions stop at their first failure. MPGUARD_OTHER_PYTHONS=0 runs only this Python's suite, as it goes.
status=0
if [ "${MPGUARD_OTHER_PYTHONS:-1}" != 0 ]; then
    MPGUARD_MAIN_PYTHON=.venv/bin/python MPGUARD_STOP_FIRST=1 bash scripts/test-pythons.sh "$@" || status=$?
else
    .venv/bin/python -m pytest "$@" || status=$?
fi
exit $status
