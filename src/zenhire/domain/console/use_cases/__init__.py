"""Console use cases: one module per concern, each use case one frozen dataclass."""
