"""Use cases the office app and the kiosk call, so widgets never touch SQL or HTTP.

A write records its optimistic local effect and its outbox command in one cache
transaction (`desk.sync.outbox.submit`), so it survives a crash or an outage whole.
No Qt widgets here, so every use case runs headless in tests.
"""
