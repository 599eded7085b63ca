#!/usr/bin/env bash
# Install the headless editors that tests/editors/ drives: Neovim, Emacs (no X) and eglot.
# Idempotent: does nothing when they are already there. Needs root (or sudo) and Debian/Ubuntu apt.
set -euo pipefail

PACKAGES=(neovim emacs-nox elpa-eglot)

missing=()
for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "install_editors: already installed: ${PACKAGES[*]}"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"

nvim --version | head -n 1
emacs --version | head -n 1
