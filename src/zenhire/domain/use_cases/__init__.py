"""Use cases: frozen dataclasses of ports with one ``async __call__(command)``.

Shape: read via ports, decide with the model, write via ports, commit once.
"""
