"""The metadata every table registers on: constraint names are explicit (the naming
convention), so errors map to domain errors and migrations name what they change."""

from __future__ import annotations

from sqlalchemy import DateTime, MetaData

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)
TS = DateTime(timezone=True)
