"""Widgets, item-model bases, roles, styles and text helpers shared by the office screens."""
