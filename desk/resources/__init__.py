"""The app's style sheets, icons and translations, read through Qt's resource system.

`compiled.py` holds every file under the repository's `resources/` folder, compiled by
`python -m desk.tools.build_resources`; importing it registers them under `:/`. The
app reads them from there and never from the source tree, so a frozen bundle or an
installed wheel carries them inside its own code. Shared by the office app and the
kiosk, which import nothing of each other.
"""

from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice


def register() -> None:
    """Make `:/styles`, `:/icons` and `:/translations` readable (once; later calls are free)."""
    import desk.resources.compiled  # noqa: F401  # registering is what importing it does


def path(name: str) -> str:
    """The resource path of `name` ("icons/new.svg"), registering the resources first."""
    register()
    return f":/{name}"


def read_text(name: str) -> str:
    """A text resource ("styles/office.qss"); a missing one is a build fault, said so."""
    file = QFile(path(name))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(
            f"resource {name} is not compiled in: run python -m desk.tools.build_resources"
        )
    try:
        return bytes(file.readAll().data()).decode("utf-8")
    finally:
        file.close()
