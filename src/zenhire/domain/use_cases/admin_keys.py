"""Compatibility names: each operator use case on projects and keys is its own module."""

from zenhire.domain.model.clients import checked_cidrs as check_cidrs
from zenhire.domain.use_cases.create_api_key import CreateApiKey, CreateApiKeyCommand, IssuedKey
from zenhire.domain.use_cases.create_project import CreateProject, CreateProjectCommand
from zenhire.domain.use_cases.list_api_keys import ListApiKeys, ListApiKeysQuery
from zenhire.domain.use_cases.list_projects import ListProjects, ListProjectsQuery
from zenhire.domain.use_cases.revoke_api_key import RevokeApiKey

__all__ = [
    "CreateApiKey",
    "CreateApiKeyCommand",
    "CreateProject",
    "CreateProjectCommand",
    "IssuedKey",
    "ListApiKeys",
    "ListApiKeysQuery",
    "ListProjects",
    "ListProjectsQuery",
    "RevokeApiKey",
    "check_cidrs",
]
