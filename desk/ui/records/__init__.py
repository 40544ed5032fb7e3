"""Family and staff records."""
