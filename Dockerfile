# The image for the web and worker services of docker-compose.yml.

# The upload reader's sheet cells, shared strings and defined names in C
# (governance/uploads/_cells.c), compiled in a stage of its own so that the image carries no
# compiler. Without it uploads are read in Python, more slowly (docs/PERFORMANCE.md).
FROM python:3.11-slim AS cells
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY governance/uploads/_cells.c ./
RUN gcc -shared -fPIC -O2 -Wall -Werror \
      -I"$(python -c 'import sysconfig; print(sysconfig.get_paths()["include"])')" _cells.c \
      -o "_cells$(python -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')"

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Pango, for WeasyPrint's PDFs (the return pack).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 bcf
WORKDIR /app

# The declared dependencies first, so that a code change does not reinstall them.
# The code itself runs from /app (templates, static and fixtures live beside it).
COPY pyproject.toml ./
RUN python -c "import subprocess, sys, tomllib; \
deps = tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']; \
subprocess.check_call([sys.executable, '-m', 'pip', 'install', *deps])"
ENV PYTHONPATH=/app

COPY --chown=bcf:bcf . .
COPY --from=cells /build/_cells*.so /app/governance/uploads/
# Settings need a secret even to collect static files; this one is thrown away.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
 && mkdir -p /app/media && chown bcf:bcf /app/media

USER bcf
EXPOSE 8000
CMD ["gunicorn", "bcfportal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
