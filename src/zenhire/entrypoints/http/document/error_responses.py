"""Each operation's error responses: one per status, its codes as an enum, an example each."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any, Final

from litestar.handlers import HTTPRouteHandler

from zenhire.entrypoints.http.document.answers import Answer, documented_answers
from zenhire.entrypoints.http.document.bodies import JSON

_ERROR_TEXT: Final = "What went wrong; branch on `code`."


def error_responses(
    handler: HTTPRouteHandler, op: dict[str, Any], error_detail: Mapping[str, Any]
) -> None:
    responses = op["responses"]
    for status in [s for s in responses if int(s) >= HTTPStatus.BAD_REQUEST]:
        del responses[status]
    by_status: dict[int, list[Answer]] = {}
    for answer in documented_answers(handler, op):
        by_status.setdefault(answer.status, []).append(answer)
    for status, group in sorted(by_status.items()):
        codes = [a.code for a in group]
        detail = copy.deepcopy(dict(error_detail))
        code = {k: v for k, v in detail["properties"]["code"].items() if k != "examples"}
        detail["properties"]["code"] = {**code, "enum": codes}
        responses[str(status)] = {
            "description": f"{HTTPStatus(status).phrase}: {', '.join(codes)}",
            "content": {
                JSON: {
                    "schema": {
                        "type": "object",
                        "description": "The error envelope.",
                        "properties": {"error": {**detail, "description": _ERROR_TEXT}},
                        "required": ["error"],
                    },
                    "examples": {
                        a.code: {"summary": a.message, "value": a.envelope()} for a in group
                    },
                }
            },
        }
