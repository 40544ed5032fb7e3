"""The hosted backend: the reference server the office app and kiosks sync with.

It imports `desk.core` and nothing else of ours: never the client cache, the client
sync engine or Qt.
"""
