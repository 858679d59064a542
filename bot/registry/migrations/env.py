"""Alembic's environment: runs the migrations on the bot's connection or on DATABASE_URL.

The bot passes its own connection (``config.attributes["connection"]``, see
:func:`bot.registry.schema.alembic_config`); the ``alembic`` command line, used to write new
migrations, connects to ``sqlalchemy.url`` if alembic.ini sets it, otherwise to DATABASE_URL.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from bot.config import Settings
from bot.registry.schema import metadata

config = context.config


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or Settings.from_env().database_url


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata(),
        # SQLite cannot alter most of a table in place; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    if config.config_file_name is not None:
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    if context.is_offline_mode():
        # `alembic upgrade head --sql`: write the SQL for a database administrator to run.
        context.configure(url=_url(), target_metadata=metadata(), literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    given = config.attributes.get("connection")
    if given is not None:
        _migrate(given)
        return
    engine = create_engine(_url(), poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            _migrate(connection)
    finally:
        engine.dispose()


main()
