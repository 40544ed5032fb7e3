"""The family web app: guardians read and answer their conversations in a browser.

Server-rendered pages under `/family/` (see docs/family-app.md): a password-free
sign-in by a one-time code, then the guardian's own conversations only.
"""
