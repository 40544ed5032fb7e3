"""Alembic migrations of the server database, run by `desk.server.migrate`."""
