"""The office desktop app: a folder per feature, and what they share in `shared`."""
