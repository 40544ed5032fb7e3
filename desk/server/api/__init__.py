"""HTTP routes of the hosted backend, versioned under `/api/v1`."""
