"""Wire schemas (msgspec Structs). Requests are strict: unknown fields are rejected."""
