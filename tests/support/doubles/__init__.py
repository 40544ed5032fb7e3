"""Loopback stand-ins for the delivery providers, each speaking its real wire format.

`twilio_double` (Twilio REST and its webhooks), `fcm_double` (FCM HTTP v1 and
Google's token endpoint), `smtp_double` (an SMTP relay), and `webhook_sink` (our own
webhook endpoints, for the Twilio double to call). Each is a context manager; the
pytest fixtures live in `tests/server/providers/conftest.py`.
"""
