"""Template variables: checking on save, rendering per recipient (seed 003)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.core.templates import (
    KNOWN_VARIABLES,
    TemplateError,
    Unfilled,
    check_template,
    render,
    unfilled_variable,
    variables_in,
)

VALUES = {
    "guardian.first_name": "Ann",
    "student.first_name": "Ben",
    "centre.name": "Little Oaks",
}


def test_known_variables_cover_guardian_student_and_centre() -> None:
    assert {"guardian.first_name", "student.first_name", "centre.name"} <= KNOWN_VARIABLES


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("", []),
        ("no variables here", []),
        ("Hi {guardian.first_name}", ["guardian.first_name"]),
        (
            "{student.first_name} at {centre.name}, {student.first_name}!",
            ["student.first_name", "centre.name"],
        ),
        ("{ centre.name }", ["centre.name"]),
        ("{{not.a_variable}} and }", []),
        ("{nonsense}", ["nonsense"]),
    ],
)
def test_variables_in(text: str, names: list[str]) -> None:
    assert variables_in(text) == names


@pytest.mark.parametrize(
    ("text", "message", "variable"),
    [
        ("Hi {guardian.first_name", "never closed", None),
        ("Hi {", "never closed", None),
        ("a {b {centre.name}", "never closed", None),
        ("Hi {}", "empty variable", ""),
        ("Hi {  }", "empty variable", ""),
    ],
)
def test_malformed_braces(text: str, message: str, variable: str | None) -> None:
    with pytest.raises(TemplateError, match=message) as caught:
        variables_in(text)
    assert caught.value.variable == variable


def test_check_template_accepts_known_variables() -> None:
    check_template("News from {centre.name}", "Hi {guardian.first_name}, {{braces}} ok")


@pytest.mark.parametrize(
    ("title", "body", "where", "variable"),
    [
        ("Hi {guardian.frist_name}", "fine", "title", "guardian.frist_name"),
        ("fine", "Hi {parent.name}", "message", "parent.name"),
    ],
)
def test_check_template_names_the_unknown_variable_and_field(
    title: str, body: str, where: str, variable: str
) -> None:
    with pytest.raises(TemplateError, match=f"the {where} uses an unknown variable") as caught:
        check_template(title, body)
    assert caught.value.variable == variable


def test_unknown_variable_suggests_the_near_miss() -> None:
    with pytest.raises(TemplateError, match=r"did you mean \{guardian\.first_name\}\?"):
        check_template("", "Hi {guardian.frist_name}")


def test_check_template_reports_malformed_braces_by_field() -> None:
    with pytest.raises(TemplateError, match=r"the message has a '\{' that is never closed"):
        check_template("ok", "Hi {guardian.first_name")


def test_template_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown"):
        check_template("{x.y}", "")


def test_render_fills_variables() -> None:
    text = "Hi {guardian.first_name}, {student.first_name} is at {centre.name}."
    assert render(text, VALUES) == "Hi Ann, Ben is at Little Oaks."


def test_render_escapes_braces() -> None:
    assert (
        render("{{centre.name}} is {centre.name} }} }", VALUES)
        == "{centre.name} is Little Oaks } }"
    )


def test_render_inserts_values_literally() -> None:
    """Regression: a value containing braces is not parsed as template text."""
    values = {"guardian.first_name": "{centre.name}"}
    assert render("Hi {guardian.first_name}", values) == "Hi {centre.name}"


def test_render_ignores_extra_values() -> None:
    assert render("Hi", VALUES) == "Hi"


def test_render_refuses_an_unknown_variable() -> None:
    with pytest.raises(TemplateError, match="unknown variable") as caught:
        render("Hi {guardian.nickname}", {**VALUES, "guardian.nickname": "Annie"})
    assert caught.value.variable == "guardian.nickname"


def test_render_refuses_a_missing_value() -> None:
    with pytest.raises(TemplateError, match=r"no value for \{student\.last_name\}") as caught:
        render("Hi {student.last_name}", VALUES)
    assert caught.value.variable == "student.last_name"


def test_a_blank_value_is_fine_inside_a_longer_message() -> None:
    values = {**VALUES, "guardian.last_name": ""}
    assert render("Dear {guardian.first_name} {guardian.last_name}", values) == "Dear Ann "


@pytest.mark.parametrize("blank", ["", "  ", "\n"])
def test_render_refuses_a_message_left_blank_by_its_values(blank: str) -> None:
    """Seed 003: a variable that would send a blank notification blocks the send."""
    values = {"guardian.first_name": blank, "guardian.last_name": ""}
    with pytest.raises(TemplateError, match="blank message") as caught:
        render(" {guardian.first_name}{guardian.last_name} ", values)
    assert caught.value.variable == "guardian.first_name"


def test_render_leaves_blank_text_without_variables_alone() -> None:
    assert render("", {}) == ""
    assert render("  ", {}) == "  "


def test_render_refuses_malformed_braces() -> None:
    with pytest.raises(TemplateError, match="never closed"):
        render("Hi {guardian.first_name", VALUES)


literal = st.text(alphabet=st.characters(blacklist_characters="{}", codec="utf-8"), max_size=20)
variable = st.sampled_from(sorted(VALUES))


@given(st.lists(st.one_of(literal, variable.map(lambda v: "{" + v + "}")), max_size=8))
def test_render_replaces_each_variable_with_its_value(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected = "".join(VALUES.get(p[1:-1], p) if p.startswith("{") else p for p in pieces)
    assert render(text, VALUES) == expected
    assert set(variables_in(text)) == {p[1:-1] for p in pieces if p.startswith("{")}
    check_template(text, text)


@given(st.text(max_size=40))
def test_doubling_every_brace_renders_the_text_verbatim(text: str) -> None:
    escaped = text.replace("{", "{{").replace("}", "}}")
    assert variables_in(escaped) == []
    assert render(escaped, {}) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi Maria, see you at 8.", None),
        ("We open at 7 {ish", None),  # a brace that makes no variable is prose
        ("Hi {guardian.first_name}!", Unfilled("guardian.first_name", True, "")),
        (
            "Hi {guardian.frist_name}!",
            Unfilled(
                "guardian.frist_name",
                False,
                "the message uses an unknown variable {guardian.frist_name}; "
                "did you mean {guardian.first_name}?",
            ),
        ),
    ],
)
def test_a_composer_refuses_any_variable_left_in_its_text(
    text: str, expected: Unfilled | None
) -> None:
    """Issue 13 item 6: composers send text as typed, so nothing would fill a variable."""
    assert unfilled_variable(text) == expected
