"""What a push notification can fill in, by the page it is sent from (seed 003)."""

from __future__ import annotations

import pytest

from desk.core.push_templates import (
    PAGE_VARIABLES,
    check_push_template,
    join_names,
    push_values,
    push_variables,
)
from desk.core.templates import KNOWN_VARIABLES, TemplateError, render


@pytest.mark.parametrize(
    ("names", "joined"),
    [
        ([], ""),
        (["Ana"], "Ana"),
        (["Ana", "Luis"], "Ana & Luis"),
        (["Ana", "Luis", "Mia"], "Ana, Luis & Mia"),
        (["Ana", "Ana", " "], "Ana"),
    ],
)
def test_names_join_into_one_phrase(names: list[str], joined: str) -> None:
    assert join_names(names) == joined


def test_a_family_reached_through_two_classes_gets_both() -> None:
    """Regression: "Class cancelled" with two classes ticked blocked the whole send."""
    values = push_values("Maple", [("Ana", "Rossi"), ("Luis", "Rossi")], ["Ballet", "Judo"])
    text = "{program.name}: no class this week. We'll see {student.first_name} next week!"
    assert (
        render(text, values) == "Ballet & Judo: no class this week. We'll see Ana & Luis next week!"
    )
    assert values["student.last_name"] == "Rossi"
    assert values["student.full_name"] == "Ana Rossi & Luis Rossi"


def test_every_page_can_fill_what_it_promises() -> None:
    for page, allowed in PAGE_VARIABLES.items():
        assert allowed <= KNOWN_VARIABLES
        students = [] if page == "families" else [("Ana", "Rossi")]
        programs = ["Judo"] if page in ("classes", "camps", "enrollments") else []
        assert set(push_values("Maple", students, programs)) == allowed


@pytest.mark.parametrize(
    ("page", "text", "why"),
    [
        ("families", "Hi {guardian.first_name}", "not a guardian"),
        ("families", "{student.first_name} is sick", "which child"),
        ("students", "{program.name} moved", "not about a class or camp"),
        ("classes", "Ask {staff.first_name}", "one member of staff"),
        ("camps", "Call {centre.phone}", "no value"),
    ],
)
def test_a_variable_the_page_cannot_fill_is_refused_with_the_reason(
    page: str, text: str, why: str
) -> None:
    with pytest.raises(TemplateError, match=why) as refused:
        check_push_template("News", text, page)
    assert refused.value.variable == text[text.index("{") + 1 : text.index("}")]


def test_an_unknown_page_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="not sent from 'rooms'"):
        push_variables("rooms")
