"""The New Message dialog (seed 000): pick students, write once, reach every guardian.

Before anything is sent the dialog says how many guardians, families and
conversations the message reaches, and for an Emergency SMS which phones are texted,
who is not and why, and how much of the monthly text quota it spends. Every figure
comes from `desk.services.compose`, which uses the server's own fan-out and opt-in
rules over the cache, so the preview is what will be sent. Sending queues the
command in the outbox, so it works offline; the text typed is kept as a draft until
the message is queued.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.fanout import Exclusion, ExclusionReason
from desk.core.kinds import ThreadKind
from desk.core.sms import EMERGENCY_SMS_LIMIT, sms_stats
from desk.models.cache import Cache
from desk.services import compose
from desk.services.directory import who_am_i
from desk.services.drafts import NEW_MESSAGE, discard_draft, load_draft, save_draft
from desk.sync.outbox import Queued
from desk.ui.compose import audiences
from desk.ui.compose.audience_picker import AudiencePicker
from desk.ui.shared.formatting import thread_kind_label
from desk.ui.shared.operations import run_in_background
from desk.ui.shared.people_text import phone_text, plural
from desk.ui.shared.widgets import ERROR_STYLE

DRAFT_PAUSE_MS = 400
PREVIEW_PAUSE_MS = 120


class NewMessageDialog(QDialog):
    """Compose one message to the guardians of the chosen students.

    Signals:
        queued(object): the message is in the outbox (a `Queued`), which sends
            it by itself when online.
    """

    queued = Signal(object)

    def __init__(self, cache: Cache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache = cache
        self._me = who_am_i(cache)
        self._preview: compose.Preview | None = None
        self._quota = compose.sms_quota(cache)
        self._sending = False
        self.setObjectName("newMessageDialog")
        self.setWindowTitle(self.tr("New Message"))
        self.resize(980, 640)

        self.picker = AudiencePicker([audiences.students(cache, lambda: self._me)], parent=self)
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_PAUSE_MS)
        self._draft_timer.timeout.connect(self._save_draft)
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_PAUSE_MS)
        self._preview_timer.timeout.connect(self._update_preview)
        self._build_composer()
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
        self.picker.selection_changed.connect(self._preview_timer.start)
        self._update_preview()  # who, the quota and the picker's rows were just read
        self.picker.search.setFocus()

    # -- building ---------------------------------------------------------------------

    def _build_composer(self) -> None:
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
        self.channel.setCurrentIndex(self.channel.count() - 1)  # Classroom Chat by default
        self.channel.currentIndexChanged.connect(lambda _: self._update_checks())
        channel_row = QHBoxLayout()
        channel_label = QLabel(self.tr("C&hannel"))
        channel_label.setBuddy(self.channel)
        channel_row.addWidget(channel_label)
        channel_row.addWidget(self.channel, 1)

        self.body = QPlainTextEdit()
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

        self.summary = QLabel()
        self.summary.setObjectName("reachSummary")
        self.summary.setWordWrap(True)
        self.excluded = QStringListModel(self)
        self.excluded_view = QListView()
        self.excluded_view.setObjectName("excludedList")
        self.excluded_view.setAccessibleName(self.tr("Not texted"))
        self.excluded_view.setModel(self.excluded)
        self.excluded_view.setMaximumHeight(110)
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
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.send_button)

        layout = QVBoxLayout(self._composer)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(channel_row)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.emergency)
        layout.addWidget(self.quota)
        layout.addWidget(self.one_way)
        layout.addWidget(self.kiosk)
        layout.addWidget(self.summary)
        layout.addWidget(self.excluded_view)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

    # -- reading --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read rooms, students, the quota and the preview (after a sync)."""
        self._me = who_am_i(self._cache)
        self._quota = compose.sms_quota(self._cache)
        self.picker.refresh()
        self._update_preview()

    # -- the live preview ---------------------------------------------------------------

    def message(self) -> compose.NewMessage:
        """What the dialog would send right now."""
        return compose.NewMessage(
            student_ids=tuple(self.picker.checked_ids()),
            channel=ThreadKind(self.channel.currentData()),
            body=self.body.toPlainText(),
            emergency_sms=self.emergency.isChecked(),
            show_at_kiosk=self.kiosk.isChecked(),
        )

    def _body_changed(self) -> None:
        self._draft_timer.start()
        self._update_checks()

    def _options_changed(self) -> None:
        self._update_checks()

    def _update_preview(self) -> None:
        self._preview = compose.preview(self._cache, self.picker.checked_ids())
        self._update_checks()

    def _update_checks(self) -> None:
        """Counter, quota, reach summary and what stops sending; cheap, so on every key."""
        message = self.message()
        seen = self._preview or compose.preview(self._cache, [])
        emergency = message.emergency_sms
        self._show_count(message.body, emergency)
        self.quota.setVisible(emergency)
        self.one_way.setVisible(emergency)
        self.excluded_view.setVisible(emergency and bool(seen.excluded))
        self._show_reach(seen, message)
        found = compose.problems(message, seen, self._quota, self._me)
        self.problem.setText(self._explain(found, seen))
        self.send_button.setEnabled(not found and not self._sending)

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

    def _show_reach(self, seen: compose.Preview, message: compose.NewMessage) -> None:
        if not seen.students:
            self.summary.setText(self.tr("Pick students to see who this message reaches."))
            self.excluded.setStringList([])
            return
        lines = [
            self.tr("Goes to {guardians} in {families} ({conversations}).").format(
                guardians=plural(
                    len(seen.guardians), self.tr("1 guardian"), self.tr("{n} guardians")
                ),
                families=plural(seen.families, self.tr("1 family"), self.tr("{n} families")),
                conversations=plural(
                    seen.conversations, self.tr("1 conversation"), self.tr("{n} conversations")
                ),
            )
        ]
        if message.emergency_sms:
            lines.append(
                self.tr("Texts {phones}; {excluded} not texted.").format(
                    phones=plural(len(seen.phones), self.tr("1 phone"), self.tr("{n} phones")),
                    excluded=plural(
                        len(seen.excluded), self.tr("1 guardian"), self.tr("{n} guardians")
                    ),
                )
            )
            cost = seen.segments(message.body)
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
            over = cost > self._quota.remaining
            self.quota.setStyleSheet(ERROR_STYLE if over else "")
        if message.show_at_kiosk:
            lines.append(
                self.tr(
                    "Shown at the sign-in kiosk to {guardians} at their next PIN entry."
                ).format(
                    guardians=plural(
                        len(seen.guardians), self.tr("1 guardian"), self.tr("{n} guardians")
                    )
                )
            )
        self.summary.setText(" ".join(lines))
        self.excluded.setStringList([self._exclusion_text(e, seen) for e in seen.excluded])

    def _exclusion_text(self, exclusion: Exclusion, seen: compose.Preview) -> str:
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

    def _explain(self, found: compose.Problems, seen: compose.Preview) -> str:
        if found.too_long:
            over = len(self.body.toPlainText()) - EMERGENCY_SMS_LIMIT
            return self.tr(
                "An emergency text is limited to {limit} characters; remove {over}."
            ).format(limit=EMERGENCY_SMS_LIMIT, over=over)
        if found.over_quota:
            return self.tr(
                "This needs {n} SMS segments but only {left} are left this month. Contact "
                "support to raise the monthly limit, or send it without Emergency SMS."
            ).format(n=seen.segments(self.body.toPlainText()), left=self._quota.remaining)
        if found.may_not_text:
            return self.tr("Sending text messages needs the Mass Text permission.")
        if found.nobody_texted:
            return self.tr("None of these guardians can receive a text message.")
        if found.no_guardians:
            return self.tr("The chosen students have no guardians to message.")
        if found.channel_not_allowed:
            return self.tr("Office Chat is for admins with full messaging access.")
        return ""

    # -- sending ------------------------------------------------------------------------

    def send(self) -> None:
        """Queue the message (Ctrl+Enter); the dialog closes once it is in the outbox."""
        if not self.send_button.isEnabled():
            return
        message = self.message()
        me = self._me
        self._sending = True
        self.send_button.setEnabled(False)
        run_in_background(
            self,
            lambda: compose.send_new_message(self._cache, message, me),
            self._sent,
            self._refused,
        )

    def _sent(self, queued: Queued) -> None:
        self._sending = False
        self._draft_timer.stop()
        discard_draft(self._cache, NEW_MESSAGE)
        self.body.blockSignals(True)
        self.body.clear()
        self.body.blockSignals(False)
        self.queued.emit(queued)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._sending = False
        self.problem.setText(str(error))
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
