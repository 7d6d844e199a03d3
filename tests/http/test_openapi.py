"""The OpenAPI document describes every route, its security and its error envelope."""

from __future__ import annotations

from typing import Any


async def test_document_covers_routes_security_and_errors(client: Any) -> None:
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.1")
    schemes = doc["components"]["securitySchemes"]
    assert set(schemes) == {"ApiKey", "ApiKeyBearer", "AdminToken", "InterviewSignature"}
    paths = doc["paths"]
    expected = {
        "/api/v1/interview/personas",
        "/api/v1/interview/personas/{persona_id}/sessions",
        "/api/v1/interview/sessions",
        "/api/v1/interview/sessions/{session_id}",
        "/api/v1/interview/sessions/{session_id}/events",
        "/api/v1/interview/sessions/{session_id}/recording",
        "/api/v1/interview/sessions/{session_id}/transcript",
        "/api/v1/interview/sessions/{session_id}/reinvite",
        "/api/v1/interview/s2s/verify",
        "/api/v1/interview/s2s/sessions/{session_id}/complete",
        "/api/v1/credits",
        "/api/v1/health",
        "/api/v1/health/ready",
        "/metrics",
        "/api/v1/admin/clients",
        "/api/v1/admin/clients/{client_id}",
        "/api/v1/admin/clients/{client_id}/credits",
        "/api/v1/admin/clients/{client_id}/projects",
        "/api/v1/admin/clients/{client_id}/api-keys",
        "/api/v1/admin/api-keys/{key_id}",
        "/api/v1/admin/sessions/{session_id}/reinvite",
    }
    assert expected <= set(paths)
    start = paths["/api/v1/interview/personas/{persona_id}/sessions"]["post"]
    assert {"402", "404", "409", "422", "429"} <= set(start["responses"])
    assert start["security"] == [{"ApiKey": []}, {"ApiKeyBearer": []}]
    assert "requestBody" in start
    header_params = {p["name"] for p in start["parameters"] if p["in"] == "header"}
    assert "Idempotency-Key" in header_params
    verify = paths["/api/v1/interview/s2s/verify"]["post"]
    assert verify["security"] == [{"InterviewSignature": []}]
    assert "security" not in paths["/api/v1/health"]["get"]
    error_ref = start["responses"]["402"]["content"]["application/json"]["schema"]
    assert "ErrorBody" in str(error_ref)
    viewer = await client.get("/schema")
    assert viewer.status_code == 200
    assert "swagger" in viewer.text.lower()
