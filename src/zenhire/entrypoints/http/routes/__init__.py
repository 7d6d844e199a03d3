"""HTTP handlers, one module per resource. Handlers map request → command → response only."""
