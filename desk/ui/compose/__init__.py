"""Writing to many at once: New Message, push notifications and templates."""
