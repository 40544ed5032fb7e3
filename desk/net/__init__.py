"""Plumbing shared by the client and the server: keep-alive HTTP on urllib3's pool.

It is neither a domain rule nor either side's own business.
"""
