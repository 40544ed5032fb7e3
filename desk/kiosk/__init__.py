"""The sign-in/out kiosk: a full-screen PIN keypad at the door (`desk kiosk`).

Parents type a PIN, read the messages the office queued for them in the order they
were entered, acknowledge each, and sign their children in or out. Everything runs
from the kiosk's cache through `desk.services.kiosk`, so it keeps working offline;
the sync engine sends the outbox and brings new kiosk messages within seconds.
Only an admin PIN gets out of it. It carries no office screen (nothing of `desk.ui`).
"""
