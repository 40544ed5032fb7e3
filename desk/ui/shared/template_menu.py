"""The Templates button of every composer (issue 13 item 6): New Message and replies.

A composer offers the saved SMS, email and app templates of New Message and the
Messenger Center (`desk.services.templates.composer_templates`), grouped by channel
in a menu read afresh each time it opens, so a template saved or deleted on another
workstation shows (or goes) after the next sync without anything to refresh.

Composers send their text as it is: a template variable left in it would reach a
parent as "Hi {guardian.first_name}". `unfilled_text` says so (the rule is
`desk.core.templates.unfilled_variable`, with its suggestion for a misspelt one), and
the composer will not send until it is replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from desk.core.kinds import Channel
from desk.core.templates import unfilled_variable
from desk.ui.shared.people_text import channel_label

if TYPE_CHECKING:  # the reply box is in the first paint, which imports no SQLAlchemy
    from desk.services.templates import TemplateRow

TemplateLoader = Callable[[Channel], Sequence["TemplateRow"]]
"""A channel's templates, by name (`templates.composer_templates` over a cache)."""


def unfilled_text(text: str) -> str | None:
    """Why `text` cannot be sent as typed because of a template variable; None if it can."""
    found = unfilled_variable(text)
    if found is None:
        return None
    if not found.known:
        return QCoreApplication.translate("Templates", "Not sent as typed: {reason}").format(
            reason=found.message
        )
    return QCoreApplication.translate(
        "Templates",
        "Replace {{{name}}} with the text itself: only push notifications fill in "
        "template variables for each recipient.",
    ).format(name=found.variable)


class TemplateButton(QPushButton):
    """A button whose menu lists the templates a composer may use, by channel.

    Signals:
        picked(str, str): a template was chosen: its title ("" for a text
            message's) and its message.
    """

    picked = Signal(str, str)

    CHANNELS = (Channel.SMS, Channel.EMAIL, Channel.APP)
    """Every channel a template is kept for, in the menu's order."""

    def __init__(self, load: TemplateLoader | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateButton")
        self.setText(self.tr("&Templates"))
        self.setAccessibleName(self.tr("Insert a template"))
        self.setToolTip(self.tr("Fill the message from a saved template"))
        self.setAutoDefault(False)
        self._load = load
        self._channels: list[Channel] = list(self.CHANNELS)
        self.choices = QMenu(self)
        self.choices.setObjectName("templateMenu")
        self.choices.aboutToShow.connect(self.refresh)
        self.clicked.connect(self._open)
        self.setVisible(load is not None)

    def set_loader(self, load: TemplateLoader) -> None:
        """Where the templates come from (a composer made before the cache was open)."""
        self._load = load
        self.setVisible(True)

    def set_channels(self, channels: Sequence[Channel]) -> None:
        """Offer only these channels' templates (a text-message thread: SMS only)."""
        self._channels = list(channels)

    def refresh(self) -> None:
        """Read the templates again into the menu: a heading per channel, then each name."""
        self.choices.clear()
        if self._load is None:
            return
        for channel in self._channels:
            rows = self._load(channel)
            if not rows:
                continue
            self.choices.addSection(channel_label(channel))
            for row in rows:
                action = self.choices.addAction(row.name)
                action.setToolTip(row.body)
                action.triggered.connect(
                    lambda _=False, r=row: self.picked.emit(
                        "" if r.channel == Channel.SMS else r.title, r.body
                    )
                )
        if self.choices.isEmpty():
            none = self.choices.addAction(self.tr("No templates yet"))
            none.setEnabled(False)
        self.choices.setToolTipsVisible(True)

    def _open(self) -> None:
        self.choices.popup(self.mapToGlobal(self.rect().bottomLeft()))
