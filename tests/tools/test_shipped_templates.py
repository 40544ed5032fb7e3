"""Every shipped push template works from the page it is offered on (issue 15 item 6).

The push dialog offers a page's APP templates; each must fill in for every family
that page can reach: one child or several, one class or several.
"""

from __future__ import annotations

import pytest

from desk.core.kinds import Channel
from desk.core.push_templates import check_push_template, push_values
from desk.core.templates import render
from desk.tools.seeding.records import TEMPLATES

PUSH_TEMPLATES = [entry for entry in TEMPLATES if entry[1] is Channel.APP]

AUDIENCES = {
    "one child, one class": ([("Ana", "Rossi")], ["Judo"]),
    "siblings": ([("Ana", "Rossi"), ("Luis", "Rossi")], ["Judo"]),
    "two classes ticked": ([("Ana", "Rossi"), ("Luis", "Rossi")], ["Ballet", "Judo"]),
}


def test_every_page_has_a_push_template() -> None:
    pages = {page for page, *_ in PUSH_TEMPLATES}
    assert pages == {"families", "students", "classes", "camps", "enrollments"}


@pytest.mark.parametrize("audience", list(AUDIENCES))
@pytest.mark.parametrize(
    ("page", "name", "title", "body"),
    [(page, name, title, body) for page, _, name, title, body in PUSH_TEMPLATES],
    ids=[name for _, _, name, _, _ in PUSH_TEMPLATES],
)
def test_a_shipped_push_template_fills_in_for_its_page(
    page: str, name: str, title: str, body: str, audience: str
) -> None:
    check_push_template(title, body, page)
    students, programs = AUDIENCES[audience]
    values = push_values(
        "Maple Street",
        [] if page == "families" else students,
        programs if page in ("classes", "camps", "enrollments") else [],
    )
    for text in (title, body):
        filled = render(text, values)
        assert "{" not in filled, name
