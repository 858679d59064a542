# The Kielce international cooperation bot. See docs/deployment.md.
#
#   docker build -t kielce-international-bot .
#   docker compose up -d          # with PostgreSQL; see docker-compose.yml
#
# Build stage: install the project (and psycopg for PostgreSQL) into a virtual environment, so
# the final image gets the installed packages and none of pip's build leftovers.
FROM python:3.11-slim AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /src
# README.md* rather than README.md: pyproject.toml names it, but a build must not fail without it.
COPY pyproject.toml README.md* ./
COPY bot ./bot
RUN pip install ".[postgres]"


FROM python:3.11-slim

# An installed bot does not find knowledge/ or data/ next to its code: every folder is explicit.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    KNOWLEDGE_DIR=/app/knowledge \
    DATA_DIR=/app/data \
    CACHE_DIR=/app/cache

RUN groupadd --system --gid 10001 bot \
    && useradd --system --uid 10001 --gid bot --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin bot \
    && mkdir -p /app/data /app/cache \
    && chown bot:bot /app/data /app/cache

WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY run_bot.py ./
COPY knowledge ./knowledge

USER bot
# Build the lexicon now (simplemma's dictionaries take seconds and hundreds of MB to read), so
# the container answers within a second of starting. The throw-away DATA_DIR keeps the SQLite
# database this creates out of the image; the cache stays in /app/cache. A knowledge folder
# mounted over /app/knowledge with other words rebuilds it once, at start-up.
RUN DATA_DIR=/tmp/warm-up python run_bot.py ask "Jakie miasta partnerskie mają Kielce?" \
        > /dev/null \
    && rm -rf /tmp/warm-up \
    && test -n "$(ls /app/cache)"

# Healthy when the database answers and its schema is the one this version needs.
HEALTHCHECK --interval=60s --timeout=15s --start-period=60s --retries=3 \
    CMD ["python", "run_bot.py", "db", "check"]

# The Telegram bot (needs TELEGRAM_BOT_TOKEN). Other commands: docker run ... python run_bot.py --help
CMD ["python", "run_bot.py"]
