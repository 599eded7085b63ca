#!/usr/bin/env bash
# The test suite on every Python mpguard claims to run on (run-tests.sh adds its own suite as one job):
#   3.10, 3.11, 3.12, 3.13 from pyenv (or python3.X on PATH), each in its own venv (.venv-3.X);
#   3.14 in the Debian sid chroot of /work/shared/tools/py314 (root only; the host has no 3.14).
# An interpreter that is absent is skipped with a message saying so; the exit status is that of
# the first suite that failed. Extra arguments go to pytest.
#   MPGUARD_PYTHONS="3.12 3.14"   which versions (default: all of 3.10-3.14, the longest suites first)
#   MPGUARD_SKIP_PYTHON=3.11      one to leave out
#   MPGUARD_MAIN_PYTHON=.venv/bin/python  run-tests.sh: the main suite, with that interpreter and every extra, as
#                                   one job of the pool (its version is not run again in a venv of its own)
#   MPGUARD_STOP_FIRST=1          the other versions stop at their first failure (pytest -x)
#   MPGUARD_NO_RUNTIME_PYTHONS="3.12 3.13"  versions whose suites skip the runtime proofs (the tests that run
#                                   programs under fork, spawn and forkserver through tests/helpers.run_program):
#                                   they run on 3.10, the main suite and 3.14, whose words and defaults bracket
#                                   3.12's and 3.13's; every other test runs on every version. "" runs them all.
#   MPGUARD_PY314_ROOT=/srv/sid314  the chroot (built with scripts/py314/setup_chroot.sh when absent and
#                                   root; MPGUARD_BUILD_PY314=0 skips 3.14 instead)
set -uo pipefail
cd "$(dirname "$0")/.."
VERSIONS=${MPGUARD_PYTHONS:-3.13 3.12 3.14 3.11 3.10}  # the longest suites first (they run side by side)
SKIP=${MPGUARD_SKIP_PYTHON:-}
NO_RUNTIME=${MPGUARD_NO_RUNTIME_PYTHONS-3.12 3.13}
MAIN_PYTHON=${MPGUARD_MAIN_PYTHON:-}
STOP_FIRST=()
[ "${MPGUARD_STOP_FIRST:-0}" = 1 ] && STOP_FIRST=(-x)
# not for the suites' own processes: tests/test_test_pythons.py runs this script again
unset MPGUARD_MAIN_PYTHON MPGUARD_STOP_FIRST
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
    local proofs=1
    case " $NO_RUNTIME " in *" $version "*)
        proofs=0
        echo "test-pythons: Python $version: runtime proofs skipped (MPGUARD_NO_RUNTIME_PYTHONS=\"$NO_RUNTIME\")";;
    esac
    MPGUARD_SKIP_EDITORS=1 MPGUARD_RUNTIME_PROOFS=$proofs "$venv/bin/python" -m pytest "${PYTEST_ARGS[@]}"
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

# Each suite is one pytest process, but much of its time is spent waiting on the programs it runs (children
# starting, hang bounds), not computing: two suites on two cores left the cores about 45% idle (vmstat,
# session 20). So one suite more than the cores run side by side (MPGUARD_PYTHON_JOBS, default: the number
# of cores plus one, at most 3); each writes its own log, printed whole when it ends, so the outputs do not
# interleave. Each host suite gets its own pytest basetemp.
# A slot is given to the next suite as soon as any suite ends, the longest suites first (VERSIONS' order),
# so that the cores stay busy: with run-tests.sh's main suite as one job of the pool, CI's wall time is
# about the sum of the suites' CPU time over the cores, not the main suite's plus the others'.
JOBS=${MPGUARD_PYTHON_JOBS:-$(n=$(( $(nproc 2>/dev/null || echo 1) + 1 )); [ "$n" -gt 3 ] && n=3; echo "$n")}
logs=$(mktemp -d)
INSTALL_LOCK="$logs/install.lock"
declare -A pids=() started=()
finish() {  # print the log of the suite for $1 and fold its exit status into $status
    local job=$1 rc=0
    wait "${pids[$job]}" || rc=$?
    cat "$logs/$job.log"
    echo "test-pythons: $job took $((SECONDS - started[$job])) s"
    if [ $rc != 0 ]; then
        echo "test-pythons: FAIL Python $job (exit $rc)"
        [ $status = 0 ] && status=$rc
    fi
    unset "pids[$job]"
}
cpu_of() {  # run "$@", then say how much CPU it and its children used (what the cores really had to do)
    local rc=0
    "$@" || rc=$?
    echo "test-pythons: CPU of this suite (user and system time of the shell, then of its children):"
    times
    return $rc
}
running=()
reap_one() {  # wait until any running suite ends, and finish it
    local job i
    while :; do
        for i in "${!running[@]}"; do
            job=${running[$i]}
            if ! kill -0 "${pids[$job]}" 2>/dev/null; then
                finish "$job"
                unset "running[$i]"
                running=("${running[@]}")
                return
            fi
        done
        sleep 2
    done
}
jobs_to_run=()
if [ -n "$MAIN_PYTHON" ]; then
    MAIN_VERSION=$("$MAIN_PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    jobs_to_run+=("$MAIN_VERSION")
fi
for version in $VERSIONS; do
    [ "$version" = "$SKIP" ] || [ "$version" = "${MAIN_VERSION:-}" ] || jobs_to_run+=("$version")
done
for version in "${jobs_to_run[@]}"; do
    while [ "${#running[@]}" -ge "$JOBS" ]; do
        reap_one
    done
    started[$version]=$SECONDS
    if [ "$version" = "${MAIN_VERSION:-}" ]; then
        # the main suite: run-tests.sh's .venv (every extra), the editors and the VS Code test; never -x
        { echo "test-pythons: Python $version (the main suite, $MAIN_PYTHON)"
          cpu_of "$MAIN_PYTHON" -m pytest "$@"; } >"$logs/$version.log" 2>&1 &
    else
        PYTEST_ARGS=(-q -p no:cacheprovider --deselect tests/test_vscode_e2e.py "${STOP_FIRST[@]}" "$@")
        [ "$version" != 3.14 ] && PYTEST_ARGS+=(--basetemp="$logs/tmp-$version")
        cpu_of run_one "$version" "$@" >"$logs/$version.log" 2>&1 &
    fi
    pids[$version]=$!
    running+=("$version")
done
while [ "${#running[@]}" -gt 0 ]; do
    reap_one
done
rm -rf "$logs"
exit $status
