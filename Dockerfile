# One image for every Tidings process: the web (tidings serve), the scheduler and the workers
# (compose.yaml). Everything it needs comes from PyPI through the project's own install,
# the spaCy and embedding models included, so it runs offline once built.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install . && useradd --create-home --uid 1000 tidings

USER tidings
# tidings serve listens on every interface inside the container (published by compose)
ENV TIDINGS_HOST=0.0.0.0 \
    TIDINGS_PORT=8000
EXPOSE 8000
CMD ["tidings", "serve"]
