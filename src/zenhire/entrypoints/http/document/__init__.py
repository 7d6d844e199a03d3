"""The finishing pass over Litestar's OpenAPI document, from the code's own tables.

Litestar builds the operations from the route decorators. This pass completes what it cannot
express:

* body schemas come from msgspec, the library that validates the requests, so every limit
  msgspec checks (lengths, counts, ranges, patterns, unknown fields) is stated; descriptions
  and examples come from ``schemas.docs`` and ``schemas.examples``;
* each operation's error responses list exactly the codes it can answer: the errors its
  guards raise (``guards.failures_of``), the ones its handler declares (``answers``), and the
  ones any body or parameter brings, each placed under the status the one error table
  (``errors.status_for``) gives it;
* response headers (``X-Request-ID``, ``RateLimit-*``, ``Retry-After``, ``Location``, …);
* links from created resources to the operations that use them.
"""

from __future__ import annotations

from zenhire.entrypoints.http.document.answers import answers
from zenhire.entrypoints.http.document.finish import finish
from zenhire.entrypoints.http.document.no_nul import NO_NUL

__all__ = ["NO_NUL", "answers", "finish"]
