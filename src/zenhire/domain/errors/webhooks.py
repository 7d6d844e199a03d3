"""Webhook error codes (their statuses are in the one error table, entrypoints/http/errors)."""

from __future__ import annotations

from zenhire.domain.errors.base import DomainError


class InsecureWebhookUrlError(DomainError):
    code = "INSECURE_WEBHOOK_URL"
    default_message = "A webhook URL must use https."


class PrivateWebhookUrlError(DomainError):
    code = "PRIVATE_WEBHOOK_URL"
    default_message = (
        "The webhook URL's host is or resolves to a loopback, private, link-local, multicast, "
        "unspecified or reserved address."
    )


class WebhookEndpointLimitError(DomainError):
    code = "WEBHOOK_ENDPOINT_LIMIT"
    default_message = "The client already has the most webhook endpoints allowed."


class DeliveryCancelledError(DomainError):
    code = "DELIVERY_CANCELLED"
    default_message = "The delivery was cancelled (its endpoint was deleted)."
