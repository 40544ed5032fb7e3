"""Which template variables a push notification can fill, by the page it is sent from.

A notification goes to a family's devices, not to a person (seed 003), so what it can
say depends on how the family was picked. From Families it knows only the centre;
from Students also the children picked; from Classes, Camps and Enrollments also the
class or camp. A family reached through several children or classes gets them all,
joined ("Ana & Luis"): the office ticked two classes on purpose, and a parent with a
child in each should read both names, not have the whole send blocked.

The office dialog and the server both ask this module, so a template the dialog lets
through is one the server can fill in: before, "Class cancelled" sent to two classes
closed the dialog as if sent and only a Background Task showed it had failed
(issue 15 item 6).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from desk.core.templates import TemplateError, check_template, variables_in

CENTRE = frozenset({"centre.name"})
STUDENT = frozenset({"student.first_name", "student.last_name", "student.full_name"})
PROGRAM = frozenset({"program.name"})

PAGE_VARIABLES: dict[str, frozenset[str]] = {
    "families": CENTRE,
    "students": CENTRE | STUDENT,
    "classes": CENTRE | STUDENT | PROGRAM,
    "camps": CENTRE | STUDENT | PROGRAM,
    "enrollments": CENTRE | STUDENT | PROGRAM,
}
"""What a notification sent from each page can fill in for every family it reaches."""


def push_variables(page: str) -> frozenset[str]:
    """The variables a notification from `page` can fill in.

    Raises:
        ValueError: for a page notifications are not sent from.
    """
    try:
        return PAGE_VARIABLES[page]
    except KeyError:
        raise ValueError(f"notifications are not sent from {page!r}") from None


def _why_not(variable: str, page: str) -> str:
    if variable.startswith("guardian."):
        return "a notification goes to a device, not a guardian"
    if variable.startswith("staff."):
        return "a notification is not about one member of staff"
    if variable in STUDENT:
        return f"a notification sent to {page} does not say which child it is about"
    if variable in PROGRAM:
        return f"a notification sent to {page} is not about a class or camp"
    return "the server has no value for it"


def check_push_template(title: str, body: str, page: str) -> None:
    """Refuse a subject or message a notification from `page` could not fill in.

    Raises:
        TemplateError: for malformed braces, an unknown variable, or one that no
            family reached from `page` has a value for; the message says why.
    """
    check_template(title, body)
    allowed = push_variables(page)
    for variable in variables_in(title) + variables_in(body):
        if variable not in allowed:
            raise TemplateError(
                f"{_why_not(variable, page)}: {{{variable}}} cannot be filled in",
                variable=variable,
            )


def join_names(names: Iterable[str]) -> str:
    """Names as one phrase: "Ana", "Ana & Luis", "Ana, Luis & Mia" (each once, in order).

    "&" rather than a word: the centre's templates may be in any language.
    """
    unique = list(dict.fromkeys(name for name in names if name.strip()))
    if len(unique) <= 1:
        return unique[0] if unique else ""
    return f"{', '.join(unique[:-1])} & {unique[-1]}"


def push_values(
    centre_name: str, students: Sequence[tuple[str, str]], programs: Sequence[str]
) -> dict[str, str]:
    """The variables one family's notification fills in.

    Args:
        centre_name: the centre's name.
        students: (first name, last name) of each child the family was reached
            through, in the order to name them; none from the Families page.
        programs: the names of the classes or camps it was reached through.
    """
    values = {"centre.name": centre_name}
    if students:
        values["student.first_name"] = join_names(first for first, _ in students)
        values["student.last_name"] = join_names(last for _, last in students)
        values["student.full_name"] = join_names(f"{first} {last}" for first, last in students)
    if programs:
        values["program.name"] = join_names(programs)
    return values
