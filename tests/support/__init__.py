"""Helpers shared by the tests: real server processes, free ports.

Import them as `tests.support.<module>` (`tests` is a package and the repository root is
on `pythonpath`), never as a top-level `support`: a second copy of `server_process`
would keep its own list of server logs, which the failure reports read.
"""
