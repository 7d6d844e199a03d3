"""The document and its viewer: ``/schema/openapi.json`` (the finished document, built once per
app) and ``/schema``, Swagger UI served from ``viewer/`` (vendored ``swagger-ui-dist``, no CDN)
under a Content-Security-Policy whose ``script-src`` is ``'self'``: the page carries no
inline script."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from litestar import Request, Router
from litestar.enums import OpenAPIMediaType
from litestar.openapi.plugins import OpenAPIRenderPlugin
from litestar.serialization import encode_json
from litestar.static_files import create_static_files_router

from zenhire.entrypoints.http.document import finish

STATIC_DIR: Final = Path(__file__).parent / "viewer"
SCHEMA_PATH: Final = "/schema"
DOCUMENT_PATH: Final = "/openapi.json"
# No inline script or style, no other origin; the document is fetched from this origin.
CSP: Final = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'"
)
_PAGE: Final = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{base}/static/swagger-ui/swagger-ui.css">
<link rel="stylesheet" href="{base}/static/viewer.css">
</head>
<body>
<div id="swagger-ui" data-document="{base}{document}"></div>
<script src="{base}/static/swagger-ui/swagger-ui-bundle.js"></script>
<script src="{base}/static/viewer.js"></script>
</body>
</html>
"""


class DocumentPlugin(OpenAPIRenderPlugin):
    """Serves the finished document (see ``document.finish``), built once per app."""

    def __init__(self) -> None:
        super().__init__(path=DOCUMENT_PATH, media_type=OpenAPIMediaType.OPENAPI_JSON)
        self._rendered: bytes | None = None

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        if self._rendered is None:
            self._rendered = encode_json(finish(request.app, openapi_schema))
        return self._rendered


class ViewerPlugin(OpenAPIRenderPlugin):
    """Swagger UI from ``viewer/`` (vendored ``swagger-ui-dist``), started by ``viewer.js``."""

    def __init__(self, title: str) -> None:
        super().__init__(path="/")
        self._page = _PAGE.format(title=title, base=SCHEMA_PATH, document=DOCUMENT_PATH).encode()

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:  # noqa: ARG002
        return self._page

    def receive_router(self, router: Router) -> None:
        router.register(
            create_static_files_router(
                "/static", directories=[STATIC_DIR], include_in_schema=False, name="viewer"
            )
        )
