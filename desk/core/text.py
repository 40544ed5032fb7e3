r"""Which text every backend can store, so SQLite and PostgreSQL refuse the same input.

PostgreSQL's `text` cannot hold a NUL character, and no UTF-8 database can hold an
unpaired surrogate (`"\ud800"` in JSON decodes to one); SQLite would keep the first
and crash the driver on the second. The server refuses both wherever text arrives,
with a reason a person can read, instead of failing differently per backend.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def text_problem(value: str) -> str | None:
    """Why `value` cannot be stored, or None when it can."""
    if "\x00" in value:
        return "text must not contain a NUL character (U+0000)"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "text must be valid Unicode: it holds an unpaired surrogate"
    return None


def find_text_problem(value: Any, where: str = "") -> str | None:
    """The first string inside a JSON-like value that cannot be stored, and why.

    Keys are checked as well as values. The answer names where it was found
    (`args.body: text must not ...`) so the person who typed it can find it.
    """
    if isinstance(value, str):
        problem = text_problem(value)
        return f"{where}: {problem}" if problem and where else problem
    if isinstance(value, Mapping):
        for key, item in value.items():
            inner = f"{where}.{key}" if where else str(key)
            if isinstance(key, str) and (problem := text_problem(key)):
                return f"{where or 'a key'}: {problem}"
            if problem := find_text_problem(item, inner):
                return problem
        return None
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            if problem := find_text_problem(item, f"{where}[{index}]" if where else f"[{index}]"):
                return problem
    return None


def printable(text: str, limit: int = 500) -> str:
    r"""`text` made safe to store on any backend and to write as JSON.

    NUL and unpaired surrogates are escaped (`\x00`, `\ud800`) and the result is
    cut to `limit` characters.
    """
    safe = text.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")
    return safe if len(safe) <= limit else safe[: limit - 1] + "…"
