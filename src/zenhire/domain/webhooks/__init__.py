"""Webhooks (api.md §11): endpoints, the transactional outbox of events, signed delivery."""
