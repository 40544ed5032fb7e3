"""The template editor (seed 003): title and message per page and channel, checked as typed.

A template with an unknown variable would send parents "Hi {guardian.frist_name}"
or a blank notification, so the editor checks the variables with the server's own
rule (`desk.core.templates`) on every keystroke and will not save until they are
right. The running count shows characters and, for text messages, SMS segments.
Saving queues the `save_template` command, deleting (after a confirmation) the
`delete_template` command (administrators only; the server checks). Templates of
New Message and the Messenger Center are what every composer offers (issue 13 item 6).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk.core.kinds import Channel
from desk.core.templates import KNOWN_VARIABLES
from desk.i18n.errors import error_text
from desk.models.cache import Cache
from desk.services import templates
from desk.services.directory import who_am_i
from desk.sync.outbox import Queued
from desk.ui.shared.delivery_words import encoding_words
from desk.ui.shared.operations import run_in_background
from desk.ui.shared.people_text import channel_label, plural
from desk.ui.shared.row_model import ROW_ROLE, Column, RowTableModel
from desk.ui.shared.widgets import ERROR_STYLE, table


def page_label(page: str) -> str:
    """Where a template is offered, as a title ("families" → "Families")."""
    labels = {
        "families": QCoreApplication.translate("Templates", "Families"),
        "students": QCoreApplication.translate("Templates", "Students"),
        "classes": QCoreApplication.translate("Templates", "Classes"),
        "camps": QCoreApplication.translate("Templates", "Camps"),
        "enrollments": QCoreApplication.translate("Templates", "Enrollments"),
        "new_message": QCoreApplication.translate("Templates", "New Message and replies"),
        "messenger": QCoreApplication.translate("Templates", "Messenger Center"),
    }
    return labels.get(page, page.capitalize())


class TemplateEditor(QWidget):
    """Saved templates beside an editor for one.

    A saved template is queued in the outbox, which sends it by itself when online.
    """

    def __init__(self, cache: Cache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateEditor")
        self._cache = cache
        me = who_am_i(cache)
        self._can_save = me is not None and me.is_admin
        self._saving = False
        self._editing_id: str | None = None
        self._rows: list[templates.TemplateRow] = []
        self.saved = RowTableModel[templates.TemplateRow](
            [
                Column(self.tr("Page"), lambda r: page_label(r.page)),
                Column(self.tr("Channel"), lambda r: channel_label(r.channel)),
                Column(self.tr("Name"), lambda r: r.name),
            ],
            lambda offset, limit: self._rows[offset : offset + limit],
            parent=self,
        )
        self.list = table(self.saved, "templateList", 2, self.tr("Templates"))
        self.list.activated.connect(self._edit)
        self.list.selectionModel().currentRowChanged.connect(lambda now, _: self._edit(now))
        self.new_button = QPushButton(self.tr("&New template"))
        self.new_button.setObjectName("newTemplate")
        self.new_button.clicked.connect(self.new_template)
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.delete_button.setObjectName("deleteTemplate")
        self.delete_button.setToolTip(
            self.tr("Delete the chosen template (asks first)")
            if self._can_save
            else self.tr("Only administrators can change templates.")
        )
        self.delete_button.clicked.connect(self.delete)
        self.confirmation: QMessageBox | None = None

        self.name = QLineEdit()
        self.name.setObjectName("templateName")
        self.page = QComboBox()
        self.page.setObjectName("templatePage")
        for page in templates.PAGES + templates.COMPOSER_PAGES:
            self.page.addItem(page_label(page), page)
        self.channel = QComboBox()
        self.channel.setObjectName("templateChannel")
        for channel in Channel:
            self.channel.addItem(channel_label(channel), channel.value)
        self.title = QLineEdit()
        self.title.setObjectName("templateTitle")
        self.body = QPlainTextEdit()
        self.body.setObjectName("templateBody")
        self.body.setTabChangesFocus(True)
        self.insert = QComboBox()
        self.insert.setObjectName("insertVariable")
        self.insert.setAccessibleName(self.tr("Insert a variable"))
        self.insert.addItem(self.tr("Insert variable…"), None)
        for name in sorted(KNOWN_VARIABLES):
            self.insert.addItem(f"{{{name}}}", name)
        self.insert.activated.connect(self._insert_variable)
        self.count = QLabel()
        self.count.setObjectName("templateCount")
        self.problem = QLabel()
        self.problem.setObjectName("templateProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.save_button = QPushButton(self.tr("&Save template"))
        self.save_button.setObjectName("saveTemplate")
        self.save_button.clicked.connect(self.save)
        if not self._can_save:
            self.save_button.setToolTip(self.tr("Only administrators can change templates."))
        for signal in (self.name.textChanged, self.title.textChanged, self.body.textChanged):
            signal.connect(self._update_checks)
        self.page.currentIndexChanged.connect(lambda _: self._update_checks())
        self.channel.currentIndexChanged.connect(lambda _: self._update_checks())

        form = QFormLayout()
        form.addRow(self.tr("N&ame"), self.name)
        form.addRow(self.tr("&Page"), self.page)
        form.addRow(self.tr("&Channel"), self.channel)
        form.addRow(self.tr("&Title"), self.title)
        form.addRow(self.tr("&Message"), self.body)
        bottom = QHBoxLayout()
        bottom.addWidget(self.insert)
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.save_button)
        editor = QWidget()
        right = QVBoxLayout(editor)
        right.addLayout(form, 1)
        right.addLayout(bottom)
        right.addWidget(self.problem)
        listing = QWidget()
        left = QVBoxLayout(listing)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.list, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.delete_button)
        left.addLayout(actions)
        splitter = QSplitter()
        splitter.addWidget(listing)
        splitter.addWidget(editor)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([340, 760])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.refresh()
        self._update_checks()

    def refresh(self) -> None:
        """Re-read the saved templates (after a sync)."""
        self._rows = templates.templates(self._cache)
        self.saved.reload()
        if self._editing_id is not None and all(r.id != self._editing_id for r in self._rows):
            self._editing_id = None  # deleted, here or elsewhere: what is shown is new again
        self._update_delete()

    def _update_delete(self) -> None:
        self.delete_button.setEnabled(self._can_save and self._editing_id is not None)

    def delete(self) -> None:
        """Ask, then queue deleting the template being edited; it leaves the list at once."""
        row = next((r for r in self._rows if r.id == self._editing_id), None)
        if row is None or not self.delete_button.isEnabled():
            return
        box = QMessageBox(self)
        box.setObjectName("confirmDeleteTemplate")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete template?"))
        box.setText(
            self.tr(
                "Delete the template “{name}” ({page}, {channel})? It goes from every "
                "workstation; messages already sent with it are kept."
            ).format(name=row.name, page=page_label(row.page), channel=channel_label(row.channel))
        )
        yes = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        yes.setObjectName("confirmDeleteButton")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        yes.clicked.connect(lambda: self._delete(row.id))
        box.finished.connect(box.deleteLater)
        self.confirmation = box
        box.open()

    def _delete(self, template_id: str) -> None:
        self.delete_button.setEnabled(False)
        run_in_background(
            self,
            lambda: templates.delete_template(self._cache, template_id),
            lambda _queued: self._deleted(),
            self._refused,
        )

    def _deleted(self) -> None:
        self.new_template()
        self.refresh()

    def draft(self) -> templates.TemplateDraft:
        """The template as it stands in the editor."""
        return templates.TemplateDraft(
            page=str(self.page.currentData()),
            channel=Channel(self.channel.currentData()),
            name=self.name.text().strip(),
            title=self.title.text(),
            body=self.body.toPlainText(),
            id=self._editing_id,
        )

    def new_template(self) -> None:
        """Start an empty template."""
        self._editing_id = None
        self._update_delete()
        self.list.clearSelection()
        for field in (self.name, self.title):
            field.clear()
        self.body.clear()
        self.name.setFocus()

    def save(self) -> None:
        """Queue the template; it shows in the list at once and syncs when online."""
        if not self.save_button.isEnabled():
            return
        draft = self.draft()
        self._saving = True
        self.save_button.setEnabled(False)
        run_in_background(
            self, lambda: templates.save_template(self._cache, draft), self._saved, self._refused
        )

    def _saved(self, queued: Queued) -> None:
        self._saving = False
        self._editing_id = str(queued.args["template_id"])
        self.refresh()
        self._update_checks()
        self.problem.setText("")

    def _refused(self, error: Exception) -> None:
        self._saving = False
        self._update_checks()
        self.problem.setText(error_text(error))

    def _edit(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row: templates.TemplateRow = index.data(ROW_ROLE)
        self._editing_id = row.id
        self._update_delete()
        self.name.setText(row.name)
        self.page.setCurrentIndex(max(self.page.findData(row.page), 0))
        self.channel.setCurrentIndex(max(self.channel.findData(row.channel), 0))
        self.title.setText(row.title)
        self.body.setPlainText(row.body)

    def _insert_variable(self, index: int) -> None:
        name = self.insert.itemData(index)
        if name:
            self.body.insertPlainText(f"{{{name}}}")
            self.body.setFocus()
        self.insert.setCurrentIndex(0)

    def _characters(self, n: int) -> str:
        return plural(n, self.tr("1 character"), self.tr("{n} characters"))

    def _update_checks(self) -> None:
        draft = self.draft()
        found = templates.check(draft)
        is_sms = draft.channel is Channel.SMS
        self.title.setEnabled(not is_sms)  # a text message has no title
        if is_sms:
            encoding = encoding_words(found.encoding)
            segments = plural(found.segments, self.tr("1 SMS segment"), self.tr("{n} SMS segments"))
            self.count.setText(
                self.tr("{characters} · {segments} ({encoding})").format(
                    characters=self._characters(found.characters),
                    segments=segments,
                    encoding=encoding,
                )
            )
        else:
            self.count.setText(self._characters(found.characters))
        if found.error:
            self.problem.setText(found.error)
        elif not draft.name:
            self.problem.setText(self.tr("Give the template a name."))
        elif not draft.body.strip():
            self.problem.setText(self.tr("Write the message."))
        elif not self._can_save:
            self.problem.setText(self.tr("Only administrators can change templates."))
        else:
            self.problem.clear()
        ready = found.error is None and bool(draft.name) and bool(draft.body.strip())
        self.save_button.setEnabled(ready and self._can_save and not self._saving)
