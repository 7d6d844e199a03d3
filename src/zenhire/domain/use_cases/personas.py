"""Compatibility names: each persona use case is its own module."""

from zenhire.domain.use_cases.archive_persona import ArchivePersona
from zenhire.domain.use_cases.create_persona import CreatePersona, CreatePersonaCommand
from zenhire.domain.use_cases.get_persona import GetPersona, PersonaRef
from zenhire.domain.use_cases.list_personas import ListPersonas, ListPersonasQuery

__all__ = [
    "ArchivePersona",
    "CreatePersona",
    "CreatePersonaCommand",
    "GetPersona",
    "ListPersonas",
    "ListPersonasQuery",
    "PersonaRef",
]
