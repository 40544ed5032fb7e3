"""Front Desk: messaging, two-way SMS and the sign-in kiosk for childcare centres and schools."""

__version__ = "0.1.0"
