"""Plumbing shared by the client and the server that is neither a domain rule nor
either side's own business: a keep-alive HTTP transport on the standard library."""
