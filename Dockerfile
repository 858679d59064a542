# The Kielce international cooperation bot. See docs/deployment.md.
#
#   docker build -t kielce-international-bot .
#   docker build --build-arg EXTRAS=postgres,report -t kielce-international-bot:report .
#   docker compose up -d          # with PostgreSQL; see docker-compose.yml
#
# Needs BuildKit (Docker 23+ by default; DOCKER_BUILDKIT=1 on 20.10) for the cache mounts. No
# "# syntax=" line on purpose: the built-in Dockerfile frontend has RUN --mount, and an image
# builder that cannot reach Docker Hub could not fetch another one.
#
# The base is pinned to a Debian release: "python:3.11-slim" moves to each new Debian, whose
# libraries the wheels and psycopg's binary then meet untested. For builds that must not change
# at all, pin the digest too (docs/deployment.md says how): python:3.11-slim-bookworm@sha256:...

# Build stage: the dependencies, in a virtual environment the final image copies whole.
FROM python:3.11-slim-bookworm AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

# The optional dependencies to install: postgres (psycopg), report (matplotlib for the charts
# of run_bot.py report, about 165 MB; the default image leaves it out).
ARG EXTRAS=postgres

# Dependencies first, in a layer of their own that only pyproject.toml (or EXTRAS) changes, so a
# change to the code reuses it; the pip cache mount keeps the downloads for when it does change.
# pip and setuptools go afterwards: the bot never installs anything at run time.
WORKDIR /src
COPY pyproject.toml ./
RUN --mount=type=cache,target=/root/.cache/pip \
    python -c 'import sys, tomllib; \
project = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
extras = [name for name in sys.argv[1].split(",") if name]; \
print(*project["dependencies"], *(r for e in extras for r in project["optional-dependencies"][e]), sep="\n")' \
        "$EXTRAS" >requirements.txt \
    && pip install -r requirements.txt \
    && pip uninstall --yes pip setuptools


FROM python:3.11-slim-bookworm

# An image's bot does not find knowledge/ or data/ next to its code by accident: every folder is
# explicit. MPLCONFIGDIR: matplotlib (report extra) keeps its font cache where the user bot may
# write, built below, instead of warning and rebuilding it on every report.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    KNOWLEDGE_DIR=/app/knowledge \
    DATA_DIR=/app/data \
    CACHE_DIR=/app/cache \
    MPLCONFIGDIR=/app/cache/matplotlib

# The base image's own pip, setuptools and wheel go too (the venv has none): nothing here
# installs packages at run time.
RUN rm -rf /usr/local/bin/pip* \
        /usr/local/lib/python3.11/site-packages/pip \
        /usr/local/lib/python3.11/site-packages/pip-* \
        /usr/local/lib/python3.11/site-packages/setuptools \
        /usr/local/lib/python3.11/site-packages/setuptools-* \
        /usr/local/lib/python3.11/site-packages/_distutils_hack \
        /usr/local/lib/python3.11/site-packages/distutils-precedence.pth \
        /usr/local/lib/python3.11/site-packages/pkg_resources \
        /usr/local/lib/python3.11/site-packages/wheel \
        /usr/local/lib/python3.11/site-packages/wheel-* \
    && groupadd --system --gid 10001 bot \
    && useradd --system --uid 10001 --gid bot --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin bot \
    && mkdir -p /app/data /app/cache \
    && chown bot:bot /app/data /app/cache

WORKDIR /app
COPY --from=build /opt/venv /opt/venv
# The code runs from /app as in a checkout (run_bot.py beside bot/ and knowledge/): copying it
# is all a code change costs. Compiled now, as the user bot cannot write __pycache__ later.
COPY knowledge ./knowledge
COPY run_bot.py ./
COPY bot ./bot
RUN python -m compileall -q bot

USER bot
# The lexicon (simplemma's dictionaries take seconds and hundreds of MB to read) and, with the
# report extra, matplotlib's font cache, built now so that the container answers within a second
# of starting. The cache mount keeps lexicons between builds, named after the words they are
# made of: a code change finds its lexicon there. A knowledge folder mounted over
# /app/knowledge with other words rebuilds it once, at start-up.
RUN --mount=type=cache,target=/var/cache/kielce-lexicon,uid=10001,gid=10001 \
    python -m bot.warmup /var/cache/kielce-lexicon

# 8080: the webhook server (WEBHOOK_URL set; it serves the web chat too); long polling needs no
# port. 8000: run_bot.py web, the web chat alone.
EXPOSE 8080 8000

# Healthy when the running bot's heartbeat is fresh (its polling loop or webhook server runs;
# the server's /healthz must answer too) and its database answers with the schema this version
# needs. Telegram is never called. Output: one OK/FAIL line per check.
HEALTHCHECK --interval=30s --timeout=15s --start-period=60s --retries=3 \
    CMD ["python", "run_bot.py", "health"]

# Last, so that a new revision relabels the image without rebuilding a layer.
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="kielce-international-bot" \
      org.opencontainers.image.description="Question-answering Telegram bot about the City of Kielce's international cooperation" \
      org.opencontainers.image.version="$VERSION" \
      org.opencontainers.image.revision="$REVISION" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.base.name="docker.io/library/python:3.11-slim-bookworm"

# The Telegram bot (needs TELEGRAM_BOT_TOKEN). Other commands: docker run ... python run_bot.py --help
CMD ["python", "run_bot.py"]
