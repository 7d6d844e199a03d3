"""The composition root: the one place that picks adapters and wires them.

The app, every CLI command and the tests build their dishka container with
``container.make_container`` from the same providers (``core``, ``memory`` or ``postgres``,
``use_cases``); only this package imports ``zenhire.adapters`` (an import-linter contract).
"""
