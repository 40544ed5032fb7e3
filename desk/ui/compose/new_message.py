"""The New Message dialog (seeds 000, 002, 004): write once to anyone, individually or as a group.

Recipients are chips of every kind, found by one type-ahead (`audiences.anyone`):
students (reaching their guardians), guardians, families, staff, staff groups, rooms,
programs, and "All families", "All staff" and "Everyone signed in right now". The
message goes individually (blind: each family or person in a conversation of their
own, naming nobody else) or as one group conversation of up to 15 people, refused
here, before sending, by the server's own rule (`new_message.audience().error`).

Before anything is sent the dialog says how many guardians, families, staff and
conversations the message reaches, and for an Emergency SMS which phones are
texted, who is not and why, and how much of the monthly text quota it spends. Every
figure comes from `desk.services.new_message`, which expands the chips by the rules
the server expands them by, so the preview is what will be sent. A send reaching
more than a handful of families, and any emergency text, is confirmed first with
exactly who and how many; afterwards `sent` says what was queued. Sending queues
the command in the outbox, so it works offline; the text typed is kept as a draft
until the message is queued.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.audience import Pick, SendMode, Summary
from desk.core.conversations import MAX_PARTICIPANTS
from desk.core.fanout import Exclusion, ExclusionReason
from desk.core.kinds import Channel, ThreadKind
from desk.core.sms import EMERGENCY_SMS_LIMIT, sms_stats
from desk.i18n.errors import error_text
from desk.models.cache import Cache
from desk.services import compose, new_message, templates
from desk.services.attachments import Attachments
from desk.services.directory import who_am_i
from desk.services.drafts import NEW_MESSAGE, discard_draft, load_draft, save_draft
from desk.ui.compose import audiences
from desk.ui.compose.audience_picker import AudiencePicker
from desk.ui.shared.attach_files import AttachedFiles, AttachingEditor
from desk.ui.shared.formatting import thread_kind_label
from desk.ui.shared.operations import run_in_background
from desk.ui.shared.people_text import phone_text, plural
from desk.ui.shared.template_menu import TemplateButton, unfilled_text
from desk.ui.shared.widgets import ERROR_STYLE

DRAFT_PAUSE_MS = 400
PREVIEW_PAUSE_MS = 120
PAGE_SIZE = 60
"""Recipients read per page: two screens of the list; more as it scrolls. Each
keystroke reads the first page again, so a short page keeps typing quick."""
SUBJECT_LIMIT = 200
"""The longest subject the server takes (`send_new_message`)."""
CONFIRM_NAMES = 200
"""Names listed in the confirmation's details before "and N more"."""


class NewMessageDialog(QDialog):
    """Compose one message to any mix of recipients.

    Args:
        cache: the workstation's cache.
        parent: the main window.
        channel: the section the dialog was opened from (Office Chat from Office,
            Classroom Chat from Classroom): the channel it starts on when the user
            may post there.

    Signals:
        queued(object): the message is in the outbox (a `Queued`), which sends
            it by itself when online.
        sent(str): what was queued, in words ("Sent to 182 guardians in 120
            families; 3 opted out"), for the status bar.
    """

    queued = Signal(object)
    sent = Signal(str)

    def __init__(
        self, cache: Cache, parent: QWidget | None = None, *, channel: ThreadKind | None = None
    ) -> None:
        super().__init__(parent)
        self._cache = cache
        self._me = who_am_i(cache)
        self._audience: new_message.Audience | None = None
        self._quota = compose.sms_quota(cache)
        self._sending = False
        self.confirmation: QMessageBox | None = None
        self.setObjectName("newMessageDialog")
        self.setWindowTitle(self.tr("New Message"))
        self.resize(980, 660)

        self.picker = AudiencePicker(
            [audiences.anyone(cache, lambda: self._me)], page_size=PAGE_SIZE, parent=self
        )
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_PAUSE_MS)
        self._draft_timer.timeout.connect(self._save_draft)
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_PAUSE_MS)
        self._preview_timer.timeout.connect(self._update_preview)
        self._build_composer(channel)
        layout = QHBoxLayout(self)
        layout.addWidget(self.picker, 4)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.VLine)
        layout.addWidget(rule)
        layout.addWidget(self._composer, 5)

        send_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        send_shortcut.activated.connect(self.send)
        enter_shortcut = QShortcut(QKeySequence("Ctrl+Enter"), self)
        enter_shortcut.activated.connect(self.send)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(
            lambda: self.picker.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        )

        draft = load_draft(cache, NEW_MESSAGE)
        if draft is not None:
            self.body.setPlainText(draft.body)
        self.body.textChanged.connect(self._body_changed)
        self.subject.textChanged.connect(lambda _: self._update_checks())
        self.picker.selection_changed.connect(self._preview_timer.start)
        self._update_preview()  # who, the quota and the picker's rows were just read
        self.picker.search.setFocus()

    # -- building ---------------------------------------------------------------------

    def _build_composer(self, opened_from: ThreadKind | None) -> None:
        self._composer = QWidget()
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        self.channel.setAccessibleName(self.tr("Message channel"))
        for kind in compose.channels_for(self._me):
            self.channel.addItem(thread_kind_label(kind), kind.value)
        if self.channel.count() == 1:
            self.channel.setEnabled(False)
            self.channel.setToolTip(
                self.tr("Office Chat is for admins with full messaging access.")
            )
        start = self.channel.findData(opened_from.value) if opened_from is not None else -1
        # The section it was opened from, else Classroom Chat (the last one offered).
        self.channel.setCurrentIndex(start if start >= 0 else self.channel.count() - 1)
        self.channel.currentIndexChanged.connect(lambda _: self._update_checks())
        channel_label = QLabel(self.tr("C&hannel"))
        channel_label.setBuddy(self.channel)

        self.individual = QRadioButton(self.tr("&Individually"))
        self.individual.setObjectName("modeIndividual")
        self.individual.setToolTip(
            self.tr(
                "Each family or person gets the message in a private conversation; "
                "nobody sees who else received it."
            )
        )
        self.group_mode = QRadioButton(self.tr("As a &group conversation"))
        self.group_mode.setObjectName("modeGroup")
        self.group_mode.setToolTip(
            self.tr(
                "One reply-all conversation of everyone picked, you included (at most {n} people)."
            ).format(n=MAX_PARTICIPANTS)
        )
        self.individual.setChecked(True)
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.individual)
        self.mode.addButton(self.group_mode)
        self.group_mode.toggled.connect(self._mode_toggled)
        top = QHBoxLayout()
        top.addWidget(channel_label)
        top.addWidget(self.channel, 1)
        top.addSpacing(12)
        top.addWidget(self.individual)
        top.addWidget(self.group_mode)

        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.subject.setAccessibleName(self.tr("Subject"))
        self.subject.setMaxLength(SUBJECT_LIMIT)
        self.subject.setPlaceholderText(
            self.tr("Subject (optional): the title of staff and group conversations")
        )
        subject_label = QLabel(self.tr("Su&bject"))
        subject_label.setBuddy(self.subject)
        self.template_button = TemplateButton(
            lambda channel: templates.composer_templates(self._cache, channel), self
        )
        self.template_button.picked.connect(self._use_template)
        subject_row = QHBoxLayout()
        subject_row.addWidget(subject_label)
        subject_row.addWidget(self.subject, 1)
        subject_row.addWidget(self.template_button)

        self.attached = AttachedFiles(self)
        self.attached.set_service(Attachments(self._cache))
        self.attached.set_allowed(True)
        self.attached.changed.connect(self._files_changed)
        self.attached.refused.connect(self._file_refused)
        self._file_refusal = ""
        self.body = AttachingEditor(self.attached)
        self.body.setObjectName("body")
        self.body.setAccessibleName(self.tr("Message"))
        self.body.setPlaceholderText(self.tr("Write your message…"))
        self.body.setTabChangesFocus(True)
        self.count = QLabel()
        self.count.setObjectName("bodyCount")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)

        self.emergency = QCheckBox(self.tr("Send as &Emergency SMS"))
        self.emergency.setObjectName("emergencySms")
        self.emergency.toggled.connect(self._options_changed)
        if self._me is None or not self._me.may_text:
            self.emergency.setEnabled(False)
            self.emergency.setToolTip(
                self.tr("Sending text messages needs the Mass Text permission.")
            )
        self.quota = QLabel()
        self.quota.setObjectName("smsQuota")
        self.quota.setWordWrap(True)
        self.quota.setToolTip(
            self.tr(
                "Counted from the messages on this computer; the server keeps the final count "
                "and refuses a text past the monthly limit."
            )
        )
        self.one_way = QLabel(
            self.tr(
                "Text messages are one-way: parents cannot reply to them, but can answer in "
                "the app's Messages section."
            )
        )
        self.one_way.setObjectName("oneWayNotice")
        self.one_way.setWordWrap(True)
        self.kiosk = QCheckBox(self.tr("Show at Sign In-Out &Kiosk"))
        self.kiosk.setObjectName("showAtKiosk")
        self.kiosk.setToolTip(
            self.tr("Shown to each guardian the next time they enter their PIN at the kiosk.")
        )
        self.kiosk.toggled.connect(self._options_changed)
        options = QHBoxLayout()
        options.addWidget(self.emergency)
        options.addWidget(self.kiosk)
        options.addStretch(1)

        self.summary = QLabel()
        self.summary.setObjectName("reachSummary")
        self.summary.setWordWrap(True)
        self.excluded = QStringListModel(self)
        self.excluded_view = QListView()
        self.excluded_view.setObjectName("excludedList")
        self.excluded_view.setAccessibleName(self.tr("Not texted"))
        self.excluded_view.setModel(self.excluded)
        self.excluded_view.setMaximumHeight(90)
        self.problem = QLabel()
        self.problem.setObjectName("sendProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)

        self.send_button = QPushButton(self.tr("Send Message"))
        self.send_button.setObjectName("sendButton")
        self.send_button.setToolTip(self.tr("Send (Ctrl+Enter)"))
        self.send_button.clicked.connect(self.send)
        self.send_button.setAutoDefault(False)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setObjectName("cancelButton")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attached.attach_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.send_button)

        layout = QVBoxLayout(self._composer)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(subject_row)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.attached.chips)
        layout.addWidget(self.count)
        layout.addLayout(options)
        layout.addWidget(self.quota)
        layout.addWidget(self.one_way)
        layout.addWidget(self.summary)
        layout.addWidget(self.excluded_view)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

    # -- reading --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read rooms, recipients, the quota and the preview (after a sync)."""
        self._me = who_am_i(self._cache)
        self._quota = compose.sms_quota(self._cache)
        self.picker.refresh()
        self._update_preview()

    def add_picks(self, picks: Sequence[Pick]) -> None:
        """Pick recipients before the user does: a record's "Message this family / person".

        Raises:
            ValueError: a pick this workstation cannot name (not cached, or a pickup
                or a staff member who cannot be messaged): no nameless chip is shown.
        """
        self.picker.set_checked([audiences.row_id(pick) for pick in picks])

    def picks(self) -> list[Pick]:
        """The recipient chips, in the order picked."""
        return [audiences.pick_of(p.row.id) for p in self.picker.checked()]

    def send_mode(self) -> SendMode:
        """Individually (blind) or as one group conversation."""
        return SendMode.GROUP if self.group_mode.isChecked() else SendMode.INDIVIDUAL

    def draft(self) -> new_message.Draft:
        """What the dialog would send right now."""
        return new_message.Draft(
            picks=tuple(self.picks()),
            channel=ThreadKind(self.channel.currentData()),
            body=self.body.toPlainText(),
            subject=self.subject.text(),
            mode=self.send_mode(),
            emergency_sms=self.emergency.isChecked(),
            show_at_kiosk=self.kiosk.isChecked(),
            files=tuple(self.attached.files),
        )

    # -- the live preview ---------------------------------------------------------------

    def _body_changed(self) -> None:
        self._draft_timer.start()
        self._update_checks()

    def _files_changed(self) -> None:
        self._file_refusal = ""
        self._update_checks()

    def _file_refused(self, reason: str) -> None:
        self._file_refusal = reason
        self._update_checks()

    def _options_changed(self) -> None:
        self.template_button.set_channels(
            [Channel.SMS] if self.emergency.isChecked() else list(TemplateButton.CHANNELS)
        )
        self._update_checks()

    def _mode_toggled(self) -> None:
        self._update_preview()

    def _use_template(self, title: str, body: str) -> None:
        """Fill the message (and an empty subject) from a template picked in the menu."""
        if title and not self.subject.text().strip():
            self.subject.setText(title)
        self.body.insertPlainText(body)
        self.body.setFocus()

    def _update_preview(self) -> None:
        self._audience = new_message.audience(self._cache, self.picks(), self._me, self.send_mode())
        self._update_checks()

    def _update_checks(self) -> None:
        """Counter, quota, reach summary and what stops sending; cheap, so on every key."""
        draft = self.draft()
        seen = self._audience or new_message.audience(self._cache, [], self._me)
        emergency = draft.emergency_sms
        self._show_count(draft.body, emergency)
        self.quota.setVisible(emergency)
        self.one_way.setVisible(emergency)
        self.excluded_view.setVisible(emergency and bool(seen.excluded))
        self._show_reach(seen, draft)
        reason = new_message.problem(draft, seen, self._quota, self._me)
        unfilled = unfilled_text(draft.subject + "\n" + draft.body)
        explained = self._explain(reason, draft, seen) if reason else unfilled or ""
        self.problem.setText(self._file_refusal or explained)
        self.send_button.setEnabled(reason is None and not unfilled and not self._sending)

    def _show_count(self, body: str, emergency: bool) -> None:
        if not emergency:
            self.count.setText(plural(len(body), self.tr("1 character"), self.tr("{n} characters")))
            self.count.setStyleSheet("")
            return
        stats = sms_stats(body)
        self.count.setText(
            self.tr("{n} / {limit} characters · {segments}").format(
                n=stats.characters,
                limit=EMERGENCY_SMS_LIMIT,
                segments=plural(
                    stats.segments, self.tr("1 SMS segment"), self.tr("{n} SMS segments")
                ),
            )
        )
        self.count.setStyleSheet(ERROR_STYLE if stats.characters > EMERGENCY_SMS_LIMIT else "")

    def _reach_text(self, summary: Summary) -> str:
        """Who is reached, in words: "2 guardians in 1 family and 3 staff members"."""
        parts = []
        if summary.guardians:
            parts.append(
                self.tr("{guardians} in {families}").format(
                    guardians=plural(
                        summary.guardians, self.tr("1 guardian"), self.tr("{n} guardians")
                    ),
                    families=plural(summary.families, self.tr("1 family"), self.tr("{n} families")),
                )
            )
        if summary.staff:
            parts.append(
                plural(summary.staff, self.tr("1 staff member"), self.tr("{n} staff members"))
            )
        return self.tr(" and ").join(parts) if parts else self.tr("nobody")

    def _conversations_text(self, summary: Summary, mode: SendMode) -> str:
        if mode is SendMode.GROUP:
            return self.tr("1 group conversation")
        return plural(
            summary.conversations, self.tr("1 conversation"), self.tr("{n} conversations")
        )

    def _show_reach(self, seen: new_message.Audience, draft: new_message.Draft) -> None:
        if not draft.picks:
            self.summary.setText(self.tr("Pick recipients to see who this message reaches."))
            self.excluded.setStringList([])
            return
        summary = seen.summary
        lines = [
            self.tr("Goes to {reach} ({conversations}).").format(
                reach=self._reach_text(summary),
                conversations=self._conversations_text(summary, draft.mode),
            )
        ]
        if draft.emergency_sms:
            lines.append(
                self.tr("Texts {phones}; {excluded} not texted.").format(
                    phones=plural(len(seen.phones), self.tr("1 phone"), self.tr("{n} phones")),
                    excluded=plural(
                        len(seen.excluded), self.tr("1 guardian"), self.tr("{n} guardians")
                    ),
                )
            )
            cost = seen.segments(draft.body)
            self.quota.setText(
                self.tr(
                    "Monthly SMS segments: {used} of {limit} used, {left} left; "
                    "this message uses {n}."
                ).format(
                    used=self._quota.used,
                    limit=self._quota.limit,
                    left=self._quota.remaining,
                    n=cost,
                )
            )
            self.quota.setStyleSheet(ERROR_STYLE if cost > self._quota.remaining else "")
        if draft.show_at_kiosk and summary.guardians:
            lines.append(
                self.tr(
                    "Shown at the sign-in kiosk to {guardians} at their next PIN entry."
                ).format(
                    guardians=plural(
                        summary.guardians, self.tr("1 guardian"), self.tr("{n} guardians")
                    )
                )
            )
        self.summary.setText(" ".join(lines))
        self.excluded.setStringList([self._exclusion_text(e, seen) for e in seen.excluded])

    def _exclusion_text(self, exclusion: Exclusion, seen: new_message.Audience) -> str:
        guardian = exclusion.guardian
        reason = {
            ExclusionReason.NO_PHONE: self.tr("no phone number on file"),
            ExclusionReason.OPTED_OUT: self.tr("opted out of text messages"),
            ExclusionReason.OPT_IN_UNKNOWN: self.tr("no record of consent for this number"),
            ExclusionReason.SHARED_NUMBER_OPTED_OUT: self.tr(
                "shares {phone} with {names}, who opted out"
            ).format(
                phone=phone_text(guardian.phone),
                names=", ".join(seen.shared_opt_outs.get(guardian.id, [])),
            ),
        }[exclusion.reason]
        return self.tr("{name} — not texted: {reason}").format(name=guardian.name, reason=reason)

    def _explain(self, reason: str, draft: new_message.Draft, seen: new_message.Audience) -> str:
        """The service's reason in the user's language; said nothing for the obvious ones."""
        if seen.error is not None and reason == seen.error:
            if draft.mode is SendMode.GROUP:
                people = 1 + seen.summary.guardians + seen.summary.staff  # you included
                if people > MAX_PARTICIPANTS:
                    return self.tr(
                        "A group conversation can include up to {limit} people, you included; "
                        "this one would have {n}. Remove some recipients, or send it "
                        "individually."
                    ).format(limit=MAX_PARTICIPANTS, n=people)
            return reason
        if draft.emergency_sms and len(draft.body) > EMERGENCY_SMS_LIMIT:
            over = len(draft.body) - EMERGENCY_SMS_LIMIT
            return self.tr(
                "An emergency text is limited to {limit} characters; remove {over}."
            ).format(limit=EMERGENCY_SMS_LIMIT, over=over)
        words = {
            "pick at least one recipient": "",
            "the message is empty": "",
            "nobody to message: the recipients reach nobody": self.tr(
                "These recipients reach nobody: no guardian or staff member to message."
            ),
            "Office Chat is for admins with full messaging access": self.tr(
                "Office Chat is for admins with full messaging access."
            ),
            "sending text messages needs the Mass Text permission": self.tr(
                "Sending text messages needs the Mass Text permission."
            ),
            "an emergency text goes to families: pick at least one family": self.tr(
                "An emergency text goes to families: pick at least one family."
            ),
            "an emergency text cannot carry files": self.tr(
                "An emergency text cannot carry files: remove them, or send it without "
                "Emergency SMS."
            ),
            "none of the guardians can receive a text message": self.tr(
                "None of these guardians can receive a text message."
            ),
            "this would pass the monthly text limit": self.tr(
                "This needs {n} SMS segments but only {left} are left this month. Contact "
                "support to raise the monthly limit, or send it without Emergency SMS."
            ).format(n=seen.segments(draft.body), left=self._quota.remaining),
        }
        return words.get(reason, reason)

    # -- sending ------------------------------------------------------------------------

    def send(self) -> None:
        """Send (Ctrl+Enter): confirmed first when it reaches many families or texts them."""
        if self._preview_timer.isActive():  # a pick just made: count it before asking
            self._preview_timer.stop()
            self._update_preview()
        if not self.send_button.isEnabled() or self._audience is None:
            return
        draft = self.draft()
        seen = self._audience
        if not seen.needs_confirmation(emergency=draft.emergency_sms):
            self._queue(draft)
            return
        box = QMessageBox(self)
        box.setObjectName("confirmSend")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Send this message?"))
        box.setText(self.confirmation_text(draft, seen))
        box.setDetailedText(self._who_text(seen))
        send = box.addButton(self.tr("Send"), QMessageBox.ButtonRole.AcceptRole)
        send.setObjectName("confirmSendButton")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        send.clicked.connect(lambda: self._queue(draft))
        box.finished.connect(box.deleteLater)
        self.confirmation = box
        box.open()

    def confirmation_text(self, draft: new_message.Draft, seen: new_message.Audience) -> str:
        """Exactly how many the message reaches, and how, as the confirmation asks it."""
        summary = seen.summary
        lines = [self.tr("This message goes to {reach}.").format(reach=self._reach_text(summary))]
        if draft.mode is SendMode.GROUP:
            lines.append(
                self.tr("Everyone is in one group conversation and sees the others' names.")
            )
        else:
            lines.append(
                self.tr("Each gets it privately ({conversations}); nobody sees the others.").format(
                    conversations=self._conversations_text(summary, draft.mode)
                )
            )
        if draft.emergency_sms:
            lines.append(
                self.tr(
                    "Emergency text to {phones}, {segments} of the {left} SMS segments left "
                    "this month; {excluded} not texted."
                ).format(
                    phones=plural(len(seen.phones), self.tr("1 phone"), self.tr("{n} phones")),
                    segments=seen.segments(draft.body),
                    left=self._quota.remaining,
                    excluded=plural(
                        len(seen.excluded), self.tr("1 guardian"), self.tr("{n} guardians")
                    ),
                )
            )
        if summary.opted_out:
            lines.append(
                plural(
                    summary.opted_out,
                    self.tr("1 guardian opted out of text messages."),
                    self.tr("{n} guardians opted out of text messages."),
                )
            )
        return "\n".join(lines)

    def _who_text(self, seen: new_message.Audience) -> str:
        """Every person reached, by name, for the confirmation's details."""
        names = [self.tr("{name} (guardian)").format(name=g.name) for g in seen.expanded.guardians]
        names += [self.tr("{name} (staff)").format(name=s.name) for s in seen.expanded.staff]
        shown = names[:CONFIRM_NAMES]
        if len(names) > len(shown):
            shown.append(self.tr("and {n} more").format(n=len(names) - len(shown)))
        return "\n".join(shown)

    def sent_text(self, summary: Summary) -> str:
        """What was queued, in words ("Sent to 182 guardians in 120 families; 3 opted out")."""
        text = self.tr("Sent to {reach}").format(reach=self._reach_text(summary))
        if summary.opted_out:
            text += self.tr("; {n} opted out").format(n=summary.opted_out)
        return text

    def _queue(self, draft: new_message.Draft) -> None:
        me = self._me
        self._sending = True
        self.send_button.setEnabled(False)
        run_in_background(
            self,
            lambda: new_message.send(self._cache, draft, me),
            self._sent,
            self._refused,
        )

    def _sent(self, sent: new_message.Sent) -> None:
        self._sending = False
        self._draft_timer.stop()
        discard_draft(self._cache, NEW_MESSAGE)
        self.body.blockSignals(True)
        self.body.clear()
        self.body.blockSignals(False)
        self.queued.emit(sent.queued)
        self.sent.emit(self.sent_text(sent.summary))
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._sending = False
        self.problem.setText(error_text(error))
        self.send_button.setEnabled(True)

    def _save_draft(self) -> None:
        save_draft(self._cache, NEW_MESSAGE, self.body.toPlainText())

    def done(self, result: int) -> None:
        """Save the draft still waiting on its timer, however the dialog ends."""
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self._save_draft()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save the draft still waiting on its timer when the window itself is closed."""
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self._save_draft()
        super().closeEvent(event)
