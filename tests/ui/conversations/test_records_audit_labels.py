"""Every action the server can audit reads as words in the audit log (issue 13).

Issue 13's commands added many audited actions (participants, mute, archive,
preferences, fallback reset, linking numbers, settings); a label missing from
`audit_action_label` would show staff the raw wire word ("reset_fallback").
"""

from __future__ import annotations

import ast
from pathlib import Path

import desk.server
from desk.core.kinds import AuditAction
from desk.ui.shared.people_text import audit_action_label


def audited_by_the_server() -> set[AuditAction]:
    """Every `AuditAction.X` the server's source names, wherever it writes an audit event."""
    found: set[AuditAction] = set()
    for path in Path(desk.server.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "AuditAction"
            ):
                found.add(AuditAction[node.attr])
    return found


def test_every_action_the_server_audits_has_a_label_of_its_own() -> None:
    """Guards the audit log against showing a raw action name for a new command."""
    audited = audited_by_the_server()
    assert {AuditAction.RESET_FALLBACK, AuditAction.CAPABILITIES, AuditAction.LINK_NUMBER} <= (
        audited
    )
    labels = {action: audit_action_label(action.value) for action in AuditAction}
    raw = sorted(a.value for a in audited | set(AuditAction) if labels[a] == a.value)
    assert raw == []
    assert len(set(labels.values())) == len(labels)  # no two actions read the same
