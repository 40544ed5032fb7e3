"""Everything the family app says, in English and Spanish (issue 14 item 1).

The pages follow the guardian's `language`; before sign-in, the browser's
`Accept-Language`. A key missing from a language falls back to English, and a
test holds both dictionaries to the same keys so none is ever missed.
"""

from __future__ import annotations

from collections.abc import Callable

Translate = Callable[..., str]

ENGLISH: dict[str, str] = {
    "app_title": "Family messages",
    "skip": "Skip to content",
    "sign_in": "Sign in",
    "sign_in_intro": "Enter the mobile number or email address your centre has for you. "
    "We will send you a 6-digit code.",
    "address_label": "Mobile number or email address",
    "send_code": "Send me a code",
    "code_sent": "If {address} is on file with the centre, a code is on its way. "
    "It works once, for 10 minutes.",
    "code_label": "6-digit code",
    "check_code": "Sign in",
    "code_wrong": "That code did not work. Check it, or ask for a new one.",
    "code_again": "Send a new code",
    "too_many": "Too many attempts. Please wait {seconds} seconds and try again.",
    "need_centre": "Open the sign-in link your centre sent you.",
    "address_missing": "Enter a mobile number or an email address.",
    "sign_out": "Sign out",
    "conversations": "Your conversations",
    "no_conversations": "You have no conversations yet.",
    "unread": "New",
    "office_chat": "Office",
    "classroom_chat": "Classroom: {room}",
    "group_chat": "Group: {title}",
    "conversation_with": "With {people}",
    "other_families": "other families",
    "you": "You",
    "another_family": "Another family",
    "staff": "Staff",
    "back": "All conversations",
    "older": "Show older messages",
    "no_messages": "No messages yet.",
    "reply_label": "Your reply",
    "photo_label": "Add a photo (optional)",
    "send": "Send",
    "sent": "Your message was sent.",
    "stopped": "This conversation has been closed by the centre and takes no more replies.",
    "empty_reply": "Write a message or add a photo.",
    "refused_file": "The photo was not sent: {reason}",
    "attachment": "Attachment: {name}",
    "code_sms": "{code} is your {centre} sign-in code. It works for 10 minutes. "
    "If you did not ask for it, ignore this message.",
    "code_subject": "Your {centre} sign-in code",
    "pin_sms": "{pin} is your new PIN for the {centre} sign-in kiosk. "
    "Your old PIN no longer works. Keep it to yourself.",
    "pin_subject": "Your new {centre} kiosk PIN",
    "forbidden": "This form has expired. Please try again.",
    "not_found": "There is nothing here. It may have been removed.",
    "preferences": "Preferences",
    "saved": "Your preferences were saved.",
    "save": "Save",
    "channel_legend": "How should we tell you about new messages?",
    "channel_sms": "Text message (SMS)",
    "channel_email": "Email",
    "channel_app": "Notification from this app",
    "language_legend": "Language",
    "language_en": "English",
    "language_es": "Español (Spanish)",
    "texts_legend": "Text messages",
    "texts_hint": "A phone number that several people share gets texts only while "
    "all of them accept texts.",
    "texts_me": "Send texts to my phone",
    "texts_for": "Send texts to {name}",
    "texts_theirs": "Only they can change this.",
    "texting_on": "Texts are on.",
    "texting_off": "Texts are off.",
    "texting_shared_off": "Texts are on here, but someone else with this number turned "
    "them off, so the centre cannot text it.",
    "texting_no_phone": "No mobile number on file.",
    "bad_choice": "Choose one of the options shown.",
    "no_email": "The centre has no email address for you. Choose another way.",
    "no_phone_for_texts": "The centre has no mobile number for you. Choose another way.",
    "push_title": "Notifications on this device",
    "push_intro": "Get a notification here when the centre writes to you.",
    "push_count": "Notifications are on in {count} browser(s).",
    "push_unsupported": "This browser cannot show notifications from this app. "
    "You still get messages by text or email. On an iPhone or iPad, add this page to "
    "your Home Screen (Share, then Add to Home Screen) and open it from there.",
    "push_on": "Turn on notifications",
    "push_off": "Turn off notifications",
    "push_subscribed": "Notifications are on for this browser.",
    "push_unsubscribed": "Notifications are off for this browser.",
    "push_denied": "Notifications are blocked in this browser's settings.",
    "push_failed": "Notifications could not be changed. Please try again.",
    "push_too_many": "Notifications are on in too many browsers. Turn them off in one first.",
    "link_title": "Files from {centre}",
    "link_intro": "The files sent with your text message. This link works until {until}.",
    "link_file": "{name} ({size})",
    "link_unknown": "This link does not exist. Check that it was copied whole.",
    "link_expired": "This link has expired. Ask the centre to send the files again, "
    "or sign in to read your messages.",
}

SPANISH: dict[str, str] = {
    "app_title": "Mensajes para familias",
    "skip": "Ir al contenido",
    "sign_in": "Iniciar sesión",
    "sign_in_intro": "Escriba el número de celular o el correo electrónico que su centro "
    "tiene registrado. Le enviaremos un código de 6 dígitos.",
    "address_label": "Número de celular o correo electrónico",
    "send_code": "Enviarme un código",
    "code_sent": "Si {address} está registrado en el centro, le llegará un código. "
    "Sirve una sola vez, durante 10 minutos.",
    "code_label": "Código de 6 dígitos",
    "check_code": "Iniciar sesión",
    "code_wrong": "Ese código no funcionó. Revíselo o pida uno nuevo.",
    "code_again": "Enviar un código nuevo",
    "too_many": "Demasiados intentos. Espere {seconds} segundos y vuelva a intentarlo.",
    "need_centre": "Abra el enlace de inicio de sesión que le envió su centro.",
    "address_missing": "Escriba un número de celular o un correo electrónico.",
    "sign_out": "Cerrar sesión",
    "conversations": "Sus conversaciones",
    "no_conversations": "Todavía no tiene conversaciones.",
    "unread": "Nuevo",
    "office_chat": "Oficina",
    "classroom_chat": "Salón: {room}",
    "group_chat": "Grupo: {title}",
    "conversation_with": "Con {people}",
    "other_families": "otras familias",
    "you": "Usted",
    "another_family": "Otra familia",
    "staff": "Personal",
    "back": "Todas las conversaciones",
    "older": "Ver mensajes anteriores",
    "no_messages": "Todavía no hay mensajes.",
    "reply_label": "Su respuesta",
    "photo_label": "Agregar una foto (opcional)",
    "send": "Enviar",
    "sent": "Su mensaje fue enviado.",
    "stopped": "El centro cerró esta conversación y ya no acepta respuestas.",
    "empty_reply": "Escriba un mensaje o agregue una foto.",
    "refused_file": "La foto no se envió: {reason}",
    "attachment": "Archivo adjunto: {name}",
    "code_sms": "{code} es su código para iniciar sesión en {centre}. Sirve durante "
    "10 minutos. Si usted no lo pidió, ignore este mensaje.",
    "code_subject": "Su código para iniciar sesión en {centre}",
    "pin_sms": "{pin} es su nuevo PIN para el quiosco de entrada de {centre}. "
    "Su PIN anterior ya no sirve. No lo comparta.",
    "pin_subject": "Su nuevo PIN del quiosco de {centre}",
    "forbidden": "Este formulario caducó. Vuelva a intentarlo.",
    "not_found": "Aquí no hay nada. Es posible que se haya eliminado.",
    "preferences": "Preferencias",
    "saved": "Sus preferencias se guardaron.",
    "save": "Guardar",
    "channel_legend": "¿Cómo le avisamos de los mensajes nuevos?",
    "channel_sms": "Mensaje de texto (SMS)",
    "channel_email": "Correo electrónico",
    "channel_app": "Notificación de esta aplicación",
    "language_legend": "Idioma",
    "language_en": "English (inglés)",
    "language_es": "Español",
    "texts_legend": "Mensajes de texto",
    "texts_hint": "Un número de teléfono que comparten varias personas recibe mensajes "
    "de texto solo mientras todas los aceptan.",
    "texts_me": "Enviar mensajes de texto a mi teléfono",
    "texts_for": "Enviar mensajes de texto a {name}",
    "texts_theirs": "Solo esa persona puede cambiarlo.",
    "texting_on": "Los mensajes de texto están activados.",
    "texting_off": "Los mensajes de texto están desactivados.",
    "texting_shared_off": "Aquí están activados, pero otra persona con este número los "
    "desactivó, así que el centro no puede enviarle mensajes de texto.",
    "texting_no_phone": "No hay un número de celular registrado.",
    "bad_choice": "Elija una de las opciones que se muestran.",
    "no_email": "El centro no tiene su correo electrónico. Elija otra forma.",
    "no_phone_for_texts": "El centro no tiene su número de celular. Elija otra forma.",
    "push_title": "Notificaciones en este dispositivo",
    "push_intro": "Reciba una notificación aquí cuando el centro le escriba.",
    "push_count": "Las notificaciones están activadas en {count} navegador(es).",
    "push_unsupported": "Este navegador no puede mostrar notificaciones de esta aplicación. "
    "Igual recibe los mensajes por texto o correo electrónico. En un iPhone o iPad, agregue "
    "esta página a su pantalla de inicio (Compartir y luego Agregar a inicio) y ábrala "
    "desde allí.",
    "push_on": "Activar notificaciones",
    "push_off": "Desactivar notificaciones",
    "push_subscribed": "Las notificaciones están activadas en este navegador.",
    "push_unsubscribed": "Las notificaciones están desactivadas en este navegador.",
    "push_denied": "Las notificaciones están bloqueadas en la configuración de este navegador.",
    "push_failed": "No se pudieron cambiar las notificaciones. Vuelva a intentarlo.",
    "push_too_many": "Las notificaciones están activadas en demasiados navegadores. "
    "Desactívelas primero en uno.",
    "link_title": "Archivos de {centre}",
    "link_intro": "Los archivos enviados con su mensaje de texto. Este enlace funciona "
    "hasta el {until}.",
    "link_file": "{name} ({size})",
    "link_unknown": "Este enlace no existe. Compruebe que lo copió completo.",
    "link_expired": "Este enlace caducó. Pida al centro que le envíe los archivos de nuevo, "
    "o inicie sesión para leer sus mensajes.",
}

LANGUAGES: dict[str, dict[str, str]] = {"en": ENGLISH, "es": SPANISH}


def language_of(preferred: str) -> str:
    """The supported language closest to `preferred` ("es-MX" -> "es"); English otherwise."""
    base = preferred.strip().lower().replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else "en"


def browser_language(accept_language: str) -> str:
    """The first supported language of an `Accept-Language` header, else English."""
    for part in accept_language.split(","):
        base = part.split(";")[0].strip().lower().split("-")[0]
        if base in LANGUAGES:
            return base
    return "en"


def translator(language: str) -> Translate:
    """`t(key, **values)`: the text of `key` in `language`, filled with `values`."""
    table = LANGUAGES[language_of(language)]

    def translate(key: str, **values: object) -> str:
        return table.get(key, ENGLISH[key]).format(**values)

    return translate
