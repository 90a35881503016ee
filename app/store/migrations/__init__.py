"""Alembic migrations of the station's database (a package, so a wheel or a
bundle carries env.py, script.py.mako and versions/)."""
