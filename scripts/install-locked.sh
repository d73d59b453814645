#!/usr/bin/env bash
# Installs Kaizen's Python dependencies from uv.lock: the base dependencies plus the extras
# named (comma-separated, or `all`), every package at its locked version and hash. One script
# for the development venv (scripts/install.sh) and for every image (the Dockerfiles).
#
#   scripts/install-locked.sh install EXTRAS   into the environment of $PYTHON (default python)
#   scripts/install-locked.sh export EXTRAS DIR   only write DIR/requirements.txt and DIR/torch.txt
#
# uv ($UV, default uv) reads the lock; pip installs. The lock carries torch's version but no
# hash (its CPU wheel is a file on disk here, see pyproject.toml [tool.uv]), so torch, when the
# extras need it, is installed first by its exact pin: from pip's find-links on this project's
# machines, from $TORCH_INDEX_URL when set (the images: the PyTorch CPU index). Everything else
# is then installed in pip's hash-checking mode with --no-deps: the lock is complete, and the
# data-only packages get none of their declared dependencies.
# Run from the directory that holds pyproject.toml and uv.lock.
set -euo pipefail
UV=${UV:-uv}
PYTHON=${PYTHON:-python}

usage() { echo "usage: $0 install EXTRAS | export EXTRAS DIR  (EXTRAS: a,b or all or '')" >&2; exit 2; }
[ $# -ge 2 ] || usage
command=$1 extras=$2

export_lock() {  # DIR: the hashed requirements without torch, and torch's pin (or nothing)
  local dir=$1 flags=()
  if [ "$extras" = all ]; then
    flags=(--all-extras)
  else
    local extra
    for extra in ${extras//,/ }; do flags+=(--extra "$extra"); done
  fi
  # --frozen: the lock as committed, never re-resolved here (`make lock` does that)
  local common=(export --frozen --no-emit-project --no-header --no-annotate "${flags[@]}")
  "$UV" "${common[@]}" --no-emit-package torch --output-file "$dir/requirements.txt" >/dev/null
  "$UV" "${common[@]}" --no-hashes | sed -n 's/^\(torch==[^ ;]*\).*/\1/p' > "$dir/torch.txt"
}

case $command in
  export)
    [ $# -eq 3 ] || usage
    export_lock "$3"
    ;;
  install)
    [ $# -eq 2 ] || usage
    # Elsewhere every locked requirement's marker is false and pip would install nothing.
    "$PYTHON" -c 'import platform, sys
if (sys.platform, platform.machine()) != ("linux", "x86_64"):
    sys.exit(f"uv.lock covers Linux x86_64 only ([tool.uv] environments), not {sys.platform} {platform.machine()}")'
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    export_lock "$work"
    if [ -s "$work/torch.txt" ]; then
      "$PYTHON" -m pip install --no-deps ${TORCH_INDEX_URL:+--index-url "$TORCH_INDEX_URL"} \
        --requirement "$work/torch.txt"
    fi
    "$PYTHON" -m pip install --no-deps --require-hashes --requirement "$work/requirements.txt"
    ;;
  *) usage ;;
esac
