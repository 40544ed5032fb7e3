"""Command-line tools beside the app: the demo and scale seed generator.

They write the server database directly and in bulk, not through the API, so a
load-test centre of millions of messages loads at bulk-insert speed (DESIGN.md §6).
"""
