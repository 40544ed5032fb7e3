"""Keeping the local cache in step with the hosted backend (DESIGN.md §4).

No Qt widgets here: the engine is driven from the UI through signals and services.
"""
