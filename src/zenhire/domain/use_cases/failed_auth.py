"""Compatibility names: checking and counting failed attempts are two use cases."""

from zenhire.domain.use_cases.check_failed_auth import CheckFailedAuth
from zenhire.domain.use_cases.count_failed_auth import CountFailedAuth

__all__ = ["CheckFailedAuth", "CountFailedAuth"]
