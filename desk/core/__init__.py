"""Pure domain rules shared by the office app, the kiosk and the hosted backend.

Nothing here imports Qt, SQLAlchemy or does I/O, so the client and the server run
exactly the same rule for a status change, an opt-in check or an SMS length.
"""
