"""The first-run window: connect to a centre, try the demo, or become a kiosk."""
