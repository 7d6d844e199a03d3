"""Entities and value objects of the interview control plane."""
