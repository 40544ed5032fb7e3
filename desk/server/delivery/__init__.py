"""Getting messages to families.

The package plans deliveries, sends them from the job queue, reads provider webhooks,
falls back to another channel, and applies quotas and push audiences.

Rules that the client shares live in `desk.core` (opt-in, SMS length and labels,
fan-out, templates, channel fallback); this package applies them to the database
and the providers.
"""
