"""What the office app and the kiosk share as desktop programs: the app icon, the screenshot.

Both `desk.ui` and `desk.kiosk` import from here, and this package imports neither,
so the kiosk still carries no office screen (DESIGN.md §3).
"""
