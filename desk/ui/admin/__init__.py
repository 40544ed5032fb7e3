"""The office's administration pages: kiosk messages and devices, audit log, tasks."""
