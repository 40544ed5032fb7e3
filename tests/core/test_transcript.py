"""A transcript prints whatever people typed as text, never as markup (seed 004)."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from desk.core.transcript import Entry, Facts, Member, Reading, Wording, render_html

OUR_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "p",
    "h1",
    "h2",
    "ul",
    "li",
    "b",
    "span",
    "br",
}

WORDING = Wording(
    heading="Conversation transcript",
    made="Downloaded {time}",
    participants="Participants ({count})",
    messages="Messages ({count})",
    stopped="Stopped by {name} on {time}",
    seen_by="Seen by {readers}",
    sent_as="sent as {channels}",
    not_seen="Not seen yet",
    no_messages="No messages.",
    when=lambda wire: f"at {wire}",
    role=lambda kind, role: f"{kind}/{role}",
    channel=lambda word: word.upper(),
)


class Reader(HTMLParser):
    """The tags of a document and its text, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def facts(typed: str) -> Facts:
    return Facts(
        title=typed,
        members=(Member("guardian", typed, "mother", "sms"),),
        entries=(
            Entry(typed, "2026-12-06T14:00:00Z", "app", ("sms",), typed, (Reading(typed, "t"),)),
        ),
        stopped_by=typed,
        stopped_at="2026-12-06T15:00:00Z",
        made_at="2026-12-06T16:00:00Z",
    )


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
def test_typed_text_is_printed_as_typed_and_adds_no_markup(typed: str) -> None:
    reader = Reader()
    reader.feed(render_html(facts(typed), WORDING))
    assert reader.tags <= OUR_TAGS
    text = "".join(reader.text)
    assert text.count(typed) >= 5  # title, heading, member, sender, body, reader, stopper


def test_every_fact_is_there_with_its_words() -> None:
    html = render_html(
        Facts(
            title="Trip",
            members=(Member("staff", "Ann Lee", "teacher", "app"),),
            entries=(
                Entry(
                    "Ann Lee",
                    "2026-12-06T14:00:00Z",
                    "app",
                    ("sms", "email"),
                    "Line one\nline two",
                    (),
                ),
            ),
            stopped_by=None,
            stopped_at=None,
            made_at="2026-12-06T16:00:00Z",
        ),
        WORDING,
    )
    assert "Stopped by" not in html
    assert "<b>Ann Lee</b> <span class='muted'>staff/teacher · APP</span>" in html
    assert (
        "<p class='entry'><b>Ann Lee</b> <span class='muted'>at 2026-12-06T14:00:00Z · APP"
        " · sent as SMS, EMAIL</span><br>Line one<br>line two<br>"
        "<span class='muted'>Not seen yet</span></p>"
    ) in html
    assert "Downloaded at 2026-12-06T16:00:00Z" in html


def test_no_messages_says_so() -> None:
    html = render_html(Facts("Trip", (), (), None, None, "2026-12-06T16:00:00Z"), WORDING)
    assert "class='entry'" not in html
    assert "No messages." in html


def test_readers_are_listed_with_when_they_read() -> None:
    entry = Entry("Ann", "t0", "app", (), "Hi", (Reading("Ben", "t1"), Reading("Cy", "t2")))
    html = render_html(Facts("Trip", (), (entry,), None, None, "t3"), WORDING)
    assert "<span class='muted'>Seen by Ben (at t1); Cy (at t2)</span>" in html
