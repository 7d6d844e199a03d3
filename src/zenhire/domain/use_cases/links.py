"""Compatibility name: ``IssuedLink`` is the model's (``model.links``)."""

from zenhire.domain.model.links import IssuedLink

__all__ = ["IssuedLink"]
