"""Attachments on the server: files stored by content hash, and their thumbnails."""
