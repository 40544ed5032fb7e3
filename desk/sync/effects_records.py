"""The optimistic effects of record, template and settings commands (issue 13).

Each changes the cached rows the way the server will, with the same checks
(`desk.core.delivery`, `desk.core.permissions`), so the record, the template list
and the settings page show the change at once, online or not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desk.core.delivery import check_preferred_channel, normalise_language
from desk.core.kinds import Channel, GuardianKind
from desk.core.permissions import format_capabilities, parse_capabilities
from desk.core.user_errors import QT_TRANSLATE_NOOP, UserError
from desk.sync.local_effects import Effect, effect


@effect("set_contact_preferences")
def _set_preferences(e: Effect, args: Mapping[str, Any]) -> None:
    table = "guardian" if args["person_kind"] == "guardian" else "staff"
    record = e.need(table, str(args["person_id"]), table)
    channel = Channel(str(args["preferred_channel"]))
    check_preferred_channel(channel, phone=record["phone"], email=record["email"])
    e.update(
        table,
        record["id"],
        {"preferred_channel": channel.value, "language": normalise_language(str(args["language"]))},
    )


@effect("reset_fallback")
def _reset_fallback(e: Effect, args: Mapping[str, Any]) -> None:
    e.cursor.execute(
        "SELECT id FROM channel_status WHERE person_kind = ? AND person_id = ? AND failing",
        (str(args["person_kind"]), str(args["person_id"])),
    )
    for (status_id,) in e.cursor.fetchall():
        e.update("channel_status", status_id, {"failing": False, "changed_at": e.now_text})


@effect("reset_channel")
def _reset_channel(e: Effect, args: Mapping[str, Any]) -> None:
    e.cursor.execute(
        "SELECT id FROM channel_status WHERE person_kind = ? AND person_id = ? AND channel = ?"
        " AND failing",
        (str(args["person_kind"]), str(args["person_id"]), str(args["channel"])),
    )
    for (status_id,) in e.cursor.fetchall():
        e.update("channel_status", status_id, {"failing": False, "changed_at": e.now_text})


def _number_thread(e: Effect, thread_id: str) -> dict[str, Any]:
    thread = e.need("thread", thread_id, "conversation")
    if thread["kind"] != "sms" or not thread["phone"]:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "only a Messenger Center conversation has a number to save")
        )
    return thread


@effect("link_number")
def _link_number(e: Effect, args: Mapping[str, Any]) -> None:
    """The guardian holds the number at once; the thread's title follows from the server."""
    thread = _number_thread(e, str(args["thread_id"]))
    guardian = e.need("guardian", str(args["guardian_id"]), "guardian")
    if guardian["phone"] == thread["phone"]:
        return
    if guardian["phone"] and not args.get("replace"):
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors", "{name} already has the number {phone}; replace it to link this one"
            ),
            name=f"{guardian['first_name']} {guardian['last_name']}",
            phone=guardian["phone"],
        )
    e.update("guardian", guardian["id"], {"phone": thread["phone"]})
    e.update("thread", thread["id"], {"family_id": guardian["family_id"]})


@effect("save_contact")
def _save_contact(e: Effect, args: Mapping[str, Any]) -> None:
    thread = _number_thread(e, str(args["thread_id"]))
    first, last = str(args["first_name"]).strip(), str(args["last_name"]).strip()
    if not first or not last:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "a contact needs a first and a last name"))
    family_id = str(args["family_id"])
    if e.row("family", family_id) is None:
        name = str(args.get("family_name", "")).strip() or last
        e.insert("family", {"id": family_id, "name": name, "notes": ""})
    e.insert(
        "guardian",
        {
            "id": str(args["guardian_id"]),
            "family_id": family_id,
            "kind": GuardianKind.GUARDIAN.value,
            "first_name": first,
            "last_name": last,
            "relationship": str(args.get("relationship", "")).strip(),
            "phone": thread["phone"],
            "email": args.get("email"),
            "preferred_channel": Channel.SMS.value,
            "language": "en",
            "sms_opt_in": True,
            "private_messaging": False,
            "kiosk_pin_verifier": None,
        },
    )
    e.update("thread", thread["id"], {"family_id": family_id, "title": f"{first} {last}"})


@effect("delete_template")
def _delete_template(e: Effect, args: Mapping[str, Any]) -> None:
    e.delete("template", str(args["template_id"]))


@effect("set_staff_capabilities")
def _set_capabilities(e: Effect, args: Mapping[str, Any]) -> None:
    staff = e.need("staff", str(args["staff_id"]), "staff member")
    wanted = parse_capabilities(",".join(str(c) for c in args["capabilities"]))
    if staff["id"] == e.me.id and "admin" not in wanted:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "you cannot remove your own admin permission"))
    e.update("staff", staff["id"], {"capabilities": format_capabilities(wanted)})


@effect("set_private_messaging")
def _set_private_messaging(e: Effect, args: Mapping[str, Any]) -> None:
    e.update("guardian", str(args["guardian_id"]), {"private_messaging": bool(args["on"])})


@effect("set_centre_settings")
def _set_centre_settings(e: Effect, args: Mapping[str, Any]) -> None:
    e.cursor.execute("SELECT id FROM centre LIMIT 1")
    found = e.cursor.fetchone()
    if found is not None:
        e.update(
            "centre",
            found[0],
            {"students_in_conversations": bool(args["students_in_conversations"])},
        )
