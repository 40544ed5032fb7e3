"""Message templates and their variables (seed 003).

A template fills the title and message of a push notification or text, with
variables such as `{guardian.first_name}` filled in per recipient. An unknown or
unfillable variable must stop the message before it is sent, because the
alternative is a parent receiving "Hi {guardian.frist_name}" or a blank
notification; the server logs the refusal as a Background Task error.

Syntax: `{name}` is a variable; `{{` and `}}` stand for literal braces, as in
`str.format`; a lone `}` is kept as it is, since people type it in prose.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

KNOWN_VARIABLES: frozenset[str] = frozenset(
    {
        "guardian.first_name",
        "guardian.last_name",
        "guardian.full_name",
        "student.first_name",
        "student.last_name",
        "student.full_name",
        "centre.name",
        "centre.phone",
        "centre.email",
        "staff.first_name",
        "staff.last_name",
        "program.name",
    }
)

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|\{")


class TemplateError(ValueError):
    """Raised for a template that cannot be filled in safely.

    Attributes:
        variable: the offending variable name, or None for a problem not tied to
            one variable (an unclosed brace).
    """

    def __init__(self, message: str, *, variable: str | None) -> None:
        super().__init__(message)
        self.variable = variable


@dataclass(frozen=True)
class _Variable:
    name: str


def _parse(text: str, where: str) -> list[str | _Variable]:
    """Split `text` into literal runs and variables.

    Raises:
        TemplateError: for an empty `{}` or a `{` that is never closed.
    """
    parts: list[str | _Variable] = []
    position = 0
    for match in _TOKEN.finditer(text):
        parts.append(text[position : match.start()])
        position = match.end()
        token = match.group()
        if token in ("{{", "}}"):
            parts.append(token[0])
        elif match.group(1) is None:
            raise TemplateError(
                f"the {where} has a '{{' that is never closed (write '{{{{' for a brace)",
                variable=None,
            )
        elif not match.group(1).strip():
            raise TemplateError(f"the {where} has an empty variable '{token}'", variable="")
        else:
            parts.append(_Variable(match.group(1).strip()))
    parts.append(text[position:])
    return parts


def _unknown(name: str, where: str) -> TemplateError:
    message = f"the {where} uses an unknown variable {{{name}}}"
    close = difflib.get_close_matches(name, sorted(KNOWN_VARIABLES), n=1)
    if close:
        message += f"; did you mean {{{close[0]}}}?"
    return TemplateError(message, variable=name)


def variables_in(text: str) -> list[str]:
    """The variable names used in `text`, each once, in order of first use.

    Raises:
        TemplateError: for malformed braces.
    """
    names = (part.name for part in _parse(text, "text") if isinstance(part, _Variable))
    return list(dict.fromkeys(names))


def check_template(title: str, body: str) -> None:
    """Check a template when it is saved, before anyone can send with it.

    Raises:
        TemplateError: for malformed braces or an unknown variable in either field.
    """
    for where, text in (("title", title), ("message", body)):
        for part in _parse(text, where):
            if isinstance(part, _Variable) and part.name not in KNOWN_VARIABLES:
                raise _unknown(part.name, where)


def render(text: str, values: Mapping[str, str]) -> str:
    """Fill in the variables of `text` for one recipient.

    A value may be blank (a guardian with no last name on file), but not missing:
    a missing value means the sender never looked it up, which is a bug to stop.
    Values are inserted as they are, never parsed as template text.

    Args:
        text: the template text.
        values: the value of each variable for this recipient.

    Raises:
        TemplateError: for malformed braces, an unknown variable, a variable with
            no value, or blank values that leave the whole message blank.
    """
    parts = _parse(text, "text")
    rendered: list[str] = []
    blank: list[str] = []
    for part in parts:
        if isinstance(part, str):
            rendered.append(part)
            continue
        if part.name not in KNOWN_VARIABLES:
            raise _unknown(part.name, "text")
        if part.name not in values:
            raise TemplateError(f"no value for {{{part.name}}}", variable=part.name)
        value = values[part.name]
        if not value.strip():
            blank.append(part.name)
        rendered.append(value)
    result = "".join(rendered)
    if blank and not result.strip():
        raise TemplateError(
            f"{{{blank[0]}}} is blank for this recipient, which would send a blank message",
            variable=blank[0],
        )
    return result


@dataclass(frozen=True)
class Unfilled:
    """A template variable left in a composer's text, which nothing would fill.

    New Message and replies send their text as it is: only push notifications fill
    variables per recipient. Sent, a parent would read "Hi {guardian.first_name}",
    so composers refuse such text (DESIGN.md F20).

    Attributes:
        variable: the variable's name.
        known: whether it is one templates may use (else a typo).
        message: for an unknown one, why, with a suggestion ("the message uses an
            unknown variable {guardian.frist_name}; did you mean ...?").
    """

    variable: str
    known: bool
    message: str


def unfilled_variable(text: str) -> Unfilled | None:
    """The first template variable in a composer's `text`, or None.

    Braces that make no variable (a lone "{" in prose) are text, as typed.
    """
    try:
        names = variables_in(text)
    except TemplateError:
        return None
    for name in names:
        if name not in KNOWN_VARIABLES:
            return Unfilled(name, False, str(_unknown(name, "message")))
    return Unfilled(names[0], True, "") if names else None
