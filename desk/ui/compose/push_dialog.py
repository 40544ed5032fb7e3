"""The Send Push Notification dialog (seed 003).

Pick an audience from families, students, classes, camps or enrollments; the dialog
shows the estimated number of devices (one notification per device however many
students are picked; classes and camps count ACTIVE enrollments only) and hides
the subject and message when it is 0, since nothing would be delivered. A template
of the page fills the subject and message; variables are checked as typed.
Sending queues the `send_push` command, so it works offline; the server fills the
variables in per family, and one it cannot fill blocks the send and shows in
Background Tasks.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.fanout import PushScope
from desk.core.kinds import Channel
from desk.core.templates import TemplateError
from desk.i18n.errors import error_text
from desk.models.cache import Cache
from desk.services import push, templates
from desk.services.directory import who_am_i
from desk.sync.outbox import Queued
from desk.ui.compose import audiences
from desk.ui.compose.audience_picker import AudiencePicker
from desk.ui.shared.operations import run_in_background
from desk.ui.shared.people_text import plural
from desk.ui.shared.widgets import ERROR_STYLE, calendar_day


class PushDialog(QDialog):
    """Compose a push notification to the devices of an audience.

    Signals:
        queued(object): the notification is in the outbox (a `Queued`), which
            sends it by itself when online.
    """

    queued = Signal(object)

    def __init__(self, cache: Cache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pushDialog")
        self.setWindowTitle(self.tr("Send Push Notification Message"))
        self.resize(860, 600)
        self._cache = cache
        me = who_am_i(cache)
        self._can_send = me is not None and me.may_text
        self._sending = False
        self._estimate = push.Estimate(0, 0)
        self._range_error = ""  # a camp option that does not apply, in words
        self.picker = AudiencePicker(audiences.push_sources(cache), parent=self)
        self.picker.source_changed.connect(lambda _: self._source_changed())
        self.picker.selection_changed.connect(self._update_estimate)
        self.active_note = QLabel(
            self.tr("Classes and camps reach families with an ACTIVE enrollment only.")
        )
        self.active_note.setObjectName("activeNote")
        self.active_note.setWordWrap(True)

        self.scope = QComboBox()
        self.scope.setObjectName("pushScope")
        for scope, label in (
            (PushScope.PER_FAMILY, self.tr("One per family")),
            (PushScope.PER_STUDENT, self.tr("One per student")),
            (PushScope.PER_ENROLLMENT, self.tr("One per enrollment")),
        ):
            self.scope.addItem(label, scope.value)
        self.scope.currentIndexChanged.connect(lambda _: self._update_estimate())
        self.use_dates = QCheckBox(self.tr("Attending &between"))
        self.use_dates.setObjectName("pushUseDates")
        self.use_dates.toggled.connect(lambda _: self._update_estimate())
        today = QDate.currentDate()
        self.first_day = QDateEdit(today)
        self.first_day.setObjectName("pushFrom")
        self.last_day = QDateEdit(today.addDays(7))
        self.last_day.setObjectName("pushTo")
        for edit in (self.first_day, self.last_day):
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(lambda _: self._update_estimate())
        self.camp_options = QWidget()
        camp = QHBoxLayout(self.camp_options)
        camp.setContentsMargins(0, 0, 0, 0)
        for widget in (self.scope, self.use_dates, self.first_day, self.last_day):
            camp.addWidget(widget)

        self.estimate_label = QLabel()
        self.estimate_label.setObjectName("deviceEstimate")
        self.estimate_label.setToolTip(
            self.tr(
                "An estimate from the devices that installed the app: it cannot know about "
                "apps uninstalled since, or notifications turned off."
            )
        )
        self.none_note = QLabel(
            self.tr(
                "None of these families has a device with the app and notifications on, so "
                "there is nothing to send."
            )
        )
        self.none_note.setObjectName("noDevices")
        self.none_note.setWordWrap(True)
        self.template = QComboBox()
        self.template.setObjectName("pushTemplate")
        self.template.setAccessibleName(self.tr("Template"))
        self.template.activated.connect(self._apply_template)
        self.subject = QLineEdit()
        self.subject.setObjectName("pushSubject")
        self.subject.setPlaceholderText(self.tr("Subject"))
        self.subject.setAccessibleName(self.tr("Subject"))
        self.body = QPlainTextEdit()
        self.body.setObjectName("pushBody")
        self.body.setPlaceholderText(self.tr("Message"))
        self.body.setAccessibleName(self.tr("Message"))
        self.body.setTabChangesFocus(True)
        self.count = QLabel()
        self.count.setObjectName("pushCount")
        self.problem = QLabel()
        self.problem.setObjectName("pushProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setObjectName("sendButton")
        self.send_button.setAutoDefault(False)
        self.send_button.clicked.connect(self.send)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.subject.textChanged.connect(lambda _: self._update_checks())
        self.body.textChanged.connect(self._update_checks)
        self.message_fields = QWidget()
        fields = QVBoxLayout(self.message_fields)
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addWidget(self.template)
        fields.addWidget(self.subject)
        fields.addWidget(self.body, 1)
        fields.addWidget(self.count)

        left = QVBoxLayout()
        left.addWidget(self.picker, 1)
        left.addWidget(self.active_note)
        left.addWidget(self.camp_options)
        right = QVBoxLayout()
        right.addWidget(self.estimate_label)
        right.addWidget(self.none_note)
        right.addWidget(self.message_fields, 1)
        right.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.send_button)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self._source_changed()

    # -- audience -----------------------------------------------------------------------

    def current_source(self) -> push.Source:
        """The page the audience is picked from."""
        return push.Source(self.picker.current_source().key)

    def refresh(self) -> None:
        """Re-read the audience rows, templates and the estimate (after a sync)."""
        self.picker.refresh()
        self._load_templates()
        self._update_estimate()

    def _source_changed(self) -> None:
        """Another page: the picker has started afresh; so do its options and templates."""
        source = self.current_source()
        self.camp_options.setVisible(source is push.Source.CAMPS)
        self.active_note.setVisible(source in (push.Source.CLASSES, push.Source.CAMPS))
        self._load_templates()
        self._update_estimate()

    def _load_templates(self) -> None:
        self.template.clear()
        self.template.addItem(self.tr("No template"), None)
        for row in templates.templates(
            self._cache, page=self.current_source().value, channel=Channel.APP.value
        ):
            self.template.addItem(row.name, row)

    def _date_range(self) -> tuple[date, date] | None:
        if self.current_source() is not push.Source.CAMPS or not self.use_dates.isChecked():
            return None
        return calendar_day(self.first_day), calendar_day(self.last_day)

    def _scope(self) -> PushScope:
        if self.current_source() is not push.Source.CAMPS:
            return PushScope.PER_FAMILY
        return PushScope(self.scope.currentData())

    def _update_estimate(self) -> None:
        self._range_error = ""
        try:
            self._estimate = push.estimate(
                self._cache,
                self.current_source(),
                self.picker.checked_ids(),
                scope=self._scope(),
                date_range=self._date_range(),
            )
        except ValueError as error:
            self._estimate = push.Estimate(0, 0)
            self._range_error = error_text(error)
        devices = self._estimate.devices
        self.estimate_label.setText(
            self.tr("# of Push Notification messages being sent: {n}").format(n=devices)
        )
        has_devices = devices > 0
        self.message_fields.setVisible(has_devices)
        self.none_note.setVisible(bool(self.picker.checked_ids()) and not has_devices)
        self._update_checks()

    # -- message ------------------------------------------------------------------------

    def _apply_template(self, index: int) -> None:
        row = self.template.itemData(index)
        if isinstance(row, templates.TemplateRow):
            self.subject.setText(row.title)
            self.body.setPlainText(row.body)

    def _update_checks(self) -> None:
        body = self.body.toPlainText()
        self.count.setText(plural(len(body), self.tr("1 character"), self.tr("{n} characters")))
        problem = self._range_error
        if not problem:
            try:
                push.check_message(self.subject.text(), body, self.current_source())
            except TemplateError as error:
                problem = error_text(error)
        if not problem and not self._can_send:
            problem = self.tr("Sending notifications needs the Mass Text permission.")
        self.problem.setText(problem)
        ready = (
            self._estimate.devices > 0
            and bool(self.subject.text().strip())
            and bool(body.strip())
            and not problem
        )
        self.send_button.setEnabled(ready and self._can_send and not self._sending)

    def request(self) -> push.PushRequest:
        """The notification as the dialog would send it now."""
        return push.PushRequest(
            source=self.current_source(),
            ids=tuple(self.picker.checked_ids()),
            title=self.subject.text(),
            body=self.body.toPlainText(),
            scope=self._scope(),
            date_range=self._date_range(),
        )

    def send(self) -> None:
        """Queue the notification; the dialog closes once it is in the outbox."""
        if not self.send_button.isEnabled():
            return
        request = self.request()
        self._sending = True
        self.send_button.setEnabled(False)
        run_in_background(
            self, lambda: push.send_push(self._cache, request), self._sent, self._refused
        )

    def _sent(self, queued: Queued) -> None:
        self._sending = False
        self.queued.emit(queued)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._sending = False
        self._update_checks()
        self.problem.setText(error_text(error))
