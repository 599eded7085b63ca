#!/usr/bin/env bash
# The test suite on every Python mpguard claims to run on, besides the one run-tests.sh used:
#   3.10, 3.11, 3.12, 3.13 from pyenv (or python3.X on PATH), each in its own venv (.venv-3.X);
#   3.14 in the Debian sid chroot of /work/shared/tools/py314 (root only; the host has no 3.14).
# An interpreter that is absent is skipped with a message saying so; the exit status is that of
# the first suite that failed. Extra arguments go to pytest.
#   MPGUARD_PYTHONS="3.12 3.14"   which versions (default: 3.10 3.11 3.12 3.13 3.14)
#   MPGUARD_SKIP_PYTHON=3.11      one to leave out (run-tests.sh sets it to the one it already ran)
#   MPGUARD_PY314_ROOT=/srv/sid314  the chroot (built with scripts/py314/setup_chroot.sh when absent and
#                                   root; MPGUARD_BUILD_PY314=0 skips 3.14 instead)
set -uo pipefail
cd "$(dirname "$0")/.."
VERSIONS=${MPGUARD_PYTHONS:-3.10 3.11 3.12 3.13 3.14}
SKIP=${MPGUARD_SKIP_PYTHON:-}
CHROOT=${MPGUARD_PY314_ROOT:-/srv/sid314}
SETUP=${MPGUARD_PY314_SETUP:-scripts/py314/setup_chroot.sh}  # a copy of ../shared/tools/py314
PYTEST_ARGS=(-q -p no:cacheprovider --deselect tests/test_vscode_e2e.py "$@")
status=0

find_python() {  # the newest pyenv 3.X, else python3.X on PATH
    local version=$1 root found
    root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
    found=$(ls -d "$root/versions/$version".* 2>/dev/null | sort -V | tail -1)
    if [ -n "$found" ] && [ -x "$found/bin/python" ]; then
        echo "$found/bin/python"
    elif command -v "python$version" >/dev/null 2>&1; then
        command -v "python$version"
    fi
}

run_host() {
    local version=$1 python venv=".venv-$1"
    python=$(find_python "$version")
    if [ -z "$python" ]; then
        echo "test-pythons: SKIP Python $version: no interpreter (pyenv install $version, or python$version on PATH)"
        return 0
    fi
    echo "test-pythons: Python $version ($python)"
    # one install at a time: an editable install writes server/mpguard.egg-info in the shared source tree
    "$python" -m venv "$venv" && flock "$INSTALL_LOCK" "$venv/bin/python" -m pip install --quiet \
            --disable-pip-version-check -e '.[test]' \
        || { echo "test-pythons: FAIL Python $version: could not install"; return 1; }
    MPGUARD_SKIP_EDITORS=1 "$venv/bin/python" -m pytest "${PYTEST_ARGS[@]}"
}

run_chroot() {
    if [ "$(id -u)" != 0 ]; then
        echo "test-pythons: SKIP Python 3.14: the chroot needs root"
        return 0
    fi
    if [ ! -x "$CHROOT/usr/bin/python3.14" ] && [ ! -e "$CHROOT" ] && command -v apt-get >/dev/null 2>&1 \
            && [ "${MPGUARD_BUILD_PY314:-1}" != 0 ]; then
        echo "test-pythons: building the Python 3.14 chroot at $CHROOT (debootstrap, about 2 minutes)"
        SID314_ROOT="$CHROOT" sh "$SETUP" >/dev/null 2>&1 || echo "test-pythons: the chroot could not be built"
    fi
    if [ ! -x "$CHROOT/usr/bin/python3.14" ]; then
        echo "test-pythons: SKIP Python 3.14: no chroot at $CHROOT (as root: sh $SETUP)"
        return 0
    fi
    local scratch="$CHROOT/scratch/mpguard" rc
    echo "test-pythons: Python 3.14 (chroot $CHROOT)"
    sh "$SETUP" mount >/dev/null
    rm -rf "$scratch" && mkdir -p "$scratch"
    # the project as it is now, without venvs and caches
    # (under the install lock: a host suite's editable install may be writing into the tree)
    flock "$INSTALL_LOCK" tar --exclude='./.venv*' --exclude='*/__pycache__' \
        --exclude='./client-vscode/node_modules' --exclude='./.git' -cf "$CHROOT/scratch/mpguard.tar" . \
        && tar -xf "$CHROOT/scratch/mpguard.tar" -C "$scratch" && rm -f "$CHROOT/scratch/mpguard.tar"
    chroot "$CHROOT" env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 MPGUARD_SKIP_EDITORS=1 \
        PIP_CERT=/etc/ssl/host-ca-certificates.crt PIP_DISABLE_PIP_VERSION_CHECK=1 \
        sh -c 'cd /scratch/mpguard && python3.14 -m venv .venv-3.14 \
               && .venv-3.14/bin/python -m pip install --quiet -e ".[test]" \
               && .venv-3.14/bin/python -m pytest "$@"' sh "${PYTEST_ARGS[@]}"
    rc=$?
    sh "$SETUP" umount >/dev/null
    return $rc
}

run_one() {
    local version=$1; shift
    if [ "$version" = 3.14 ] && [ -z "$(find_python 3.14)" ]; then
        run_chroot "$@"
    else
        run_host "$version"
    fi
}

# Each suite is one process busy on one core, so on a machine of N cores N of them run side by side
# (MPGUARD_PYTHON_JOBS, default: the number of cores, at most 2); each writes its own log, printed
# whole when it ends, so the outputs do not interleave. Each host suite gets its own pytest basetemp.
JOBS=${MPGUARD_PYTHON_JOBS:-$(n=$(nproc 2>/dev/null || echo 1); [ "$n" -gt 2 ] && n=2; echo "$n")}
logs=$(mktemp -d)
INSTALL_LOCK="$logs/install.lock"
declare -A pids=()
finish() {  # print the log of the suite for $1 and fold its exit status into $status
    local version=$1 rc=0
    wait "${pids[$version]}" || rc=$?
    cat "$logs/$version.log"
    if [ $rc != 0 ]; then
        echo "test-pythons: FAIL Python $version (exit $rc)"
        [ $status = 0 ] && status=$rc
    fi
    unset "pids[$version]"
}
order=()
for version in $VERSIONS; do
    [ "$version" = "$SKIP" ] && continue
    while [ "${#pids[@]}" -ge "$JOBS" ]; do
        finish "${order[0]}"
        order=("${order[@]:1}")
    done
    PYTEST_ARGS=(-q -p no:cacheprovider --deselect tests/test_vscode_e2e.py "$@")
    [ "$version" != 3.14 ] && PYTEST_ARGS+=(--basetemp="$logs/tmp-$version")
    run_one "$version" "$@" >"$logs/$version.log" 2>&1 &
    pids[$version]=$!
    order+=("$version")
done
for version in "${order[@]}"; do
    finish "$version"
done
rm -rf "$logs"
exit $status
