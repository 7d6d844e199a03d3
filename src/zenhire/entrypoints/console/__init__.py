"""The console: a browser UI for a client's people, mounted under ``/console`` beside the
HTTP API and running the same use cases (console.md)."""
