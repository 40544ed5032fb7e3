"""HTTP routes of the hosted backend, versioned under `/api/v1`."""

API_PREFIX = "/api/v1"
"""Where every router of this package is mounted (the metrics endpoint is not)."""
