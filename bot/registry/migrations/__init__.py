"""Alembic migrations of the bot's database; run them with ``python run_bot.py db upgrade``."""
