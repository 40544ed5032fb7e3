"""Getting messages to families: planning deliveries, sending them from the job queue,
reading provider webhooks, falling back to another channel, quotas and push audiences.

Rules that the client shares live in `desk.core` (opt-in, SMS length and labels,
fan-out, templates, channel fallback); this package applies them to the database
and the providers.
"""
