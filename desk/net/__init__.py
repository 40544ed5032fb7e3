"""Plumbing shared by the client and the server that is neither a domain rule nor
either side's own business: keep-alive HTTP on urllib3's connection pool."""
