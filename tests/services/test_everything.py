"""Search everything: one query over conversations and people, grouped, matches marked."""

from __future__ import annotations

from desk.models.search import HIGHLIGHT_END, HIGHLIGHT_START
from desk.services.everything import GROUPS, search_everything
from tests.support.factories import CentreIds
from tests.support.office import SignIn

EVERY_THREAD = ("office", "classroom", "group", "sms")
EVERY_PERSON = frozenset({"family", "guardian", "student", "staff"})


def marked(word: str) -> str:
    return f"{HIGHLIGHT_START}{word}{HIGHLIGHT_END}"


def test_one_query_finds_every_kind_grouped_with_the_match_marked(
    office: SignIn, centre: CentreIds
) -> None:
    admin = office("admin")
    found = search_everything(admin.cache, "diaz", EVERY_THREAD, EVERY_PERSON)
    kinds = [f.kind for f in found]
    assert kinds == sorted(kinds, key=GROUPS.index)  # grouped, in the shown order
    assert {f.id for f in found if f.kind == "conversation"} == set(centre.threads.values())
    assert all(marked("Diaz") in f.title for f in found if f.kind == "conversation")
    channels = sorted(f.channel for f in found if f.kind == "conversation")
    assert channels == ["classroom", "classroom", "office", "sms"]  # tells them apart
    [family] = [f for f in found if f.kind == "family"]
    assert (family.id, family.family_id, family.title) == (
        centre.family,
        centre.family,
        marked("Diaz"),
    )
    guardians = {f.title: f for f in found if f.kind == "guardian"}
    assert set(guardians) == {f"Maria {marked('Diaz')}", f"Rosa {marked('Diaz')}"}
    assert all(g.family_id == centre.family for g in guardians.values())


def test_a_student_match_says_who_matched_and_opens_the_family(
    office: SignIn, centre: CentreIds
) -> None:
    admin = office("admin")
    found = search_everything(admin.cache, "Leo", EVERY_THREAD, EVERY_PERSON)
    [student] = [f for f in found if f.kind == "student"]
    assert (student.id, student.family_id) == (centre.students["leo"], centre.family)
    assert student.title == f"{marked('Leo')} Kid"
    conversations = [f for f in found if f.kind == "conversation"]
    assert conversations
    assert all(f.matched_by == "student" and marked("Leo") in f.detail for f in conversations)


def test_digits_mark_the_number_and_permissions_narrow_the_kinds(
    office: SignIn, centre: CentreIds
) -> None:
    admin = office("admin")
    found = search_everything(admin.cache, "555 0102", EVERY_THREAD, EVERY_PERSON)
    [ann] = [f for f in found if f.kind == "guardian"]
    assert ann.title == "Ann Lee"
    assert ann.detail == f"+1555{marked('5550102')}"
    assert search_everything(admin.cache, "diaz", ("classroom",), frozenset()) == [
        f
        for f in search_everything(admin.cache, "diaz", ("classroom",), EVERY_PERSON)
        if f.kind == "conversation"
    ]
    assert search_everything(admin.cache, "d", EVERY_THREAD, EVERY_PERSON) == []
