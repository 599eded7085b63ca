#!/bin/sh
# Install everything tests/test_vscode_e2e.py needs on a fresh Debian 12 machine (node 20, npm,
# Python 3.9+). Idempotent: each step is skipped when its result is already present.
#   - apt: chromium (the browser), ripgrep + libkrb5-dev + build-essential (code-server's install),
#     fonts-noto-cjk (the blog program's Chinese comments in screenshots)
#   - code-server 4.100.3 from npm via shared/tools/install_code_server.sh into $CODE_SERVER_PREFIX
#   - npm ci in client-vscode/ and `npm run package` (builds client-vscode/mpguard-<version>.vsix)
# Env: CODE_SERVER_PREFIX (default $HOME/.cache/code-server-prefix), CODE_SERVER_VERSION (4.100.3),
#      SHARED_DIR (default: ../shared beside the repo, else /work/shared).
set -eu
REPO=$(cd "$(dirname "$0")/.." && pwd)
CS_VER=${CODE_SERVER_VERSION:-4.100.3}
CS_PREFIX=${CODE_SERVER_PREFIX:-$HOME/.cache/code-server-prefix}
if [ -z "${SHARED_DIR:-}" ]; then
  if [ -d "$REPO/../shared/tools" ]; then SHARED_DIR="$REPO/../shared"; else SHARED_DIR=/work/shared; fi
fi
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
t0=$(date +%s)
step() { echo "== [$(( $(date +%s) - t0 ))s] $*"; }

# 1. Debian packages
missing=""
for p in chromium ripgrep libkrb5-dev fonts-noto-cjk build-essential python3; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  step "apt-get install$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
else
  step "apt packages present"
fi

# 2. code-server (npm) in a cache dir
if [ -x "$CS_PREFIX/bin/code-server" ] && \
   XDG_CONFIG_HOME="$CS_PREFIX/.tmp" XDG_DATA_HOME="$CS_PREFIX/.tmp" \
   "$CS_PREFIX/bin/code-server" --version 2>/dev/null | grep -q "^$CS_VER"; then
  step "code-server $CS_VER present in $CS_PREFIX"
else
  step "installing code-server $CS_VER into $CS_PREFIX"
  sh "$SHARED_DIR/tools/install_code_server.sh" "$CS_VER" "$CS_PREFIX"
fi

# 3. the extension's npm deps and the .vsix
cd "$REPO/client-vscode"
if [ -d node_modules/.bin ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  step "client-vscode/node_modules up to date"
else
  step "npm ci in client-vscode"
  npm ci --no-audit --no-fund
fi
step "npm run package"
npm run package
ls -la "$REPO"/client-vscode/*.vsix
step "done"
