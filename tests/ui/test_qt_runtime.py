"""Guards against defects in the Qt binding itself that would take the app down."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal

EMISSIONS = 600


class _Emitter(QObject):
    """Signals of the kinds the app uses."""

    bare = Signal()
    number = Signal(int)
    anything = Signal(object)


def test_emitting_signals_keeps_the_bool_singletons_alive() -> None:
    """Regression: PySide6 6.12.0 lost a reference to False on every emission.

    After enough syncing the interpreter aborted at exit with "bool_dealloc".
    """
    emitter = _Emitter()
    received: list[object] = []
    for signal in (emitter.bare, emitter.number, emitter.anything):
        signal.connect(lambda *args: received.append(args))
    gc.collect()
    before = sys.getrefcount(False), sys.getrefcount(True)
    for _ in range(EMISSIONS // 3):
        emitter.bare.emit()
        emitter.number.emit(1)
        emitter.anything.emit({"ok": True})
    received.clear()
    gc.collect()
    after = sys.getrefcount(False), sys.getrefcount(True)
    # The defect lost one reference per emission (600 here). Objects of earlier tests
    # that other threads free meanwhile may drop a reference or two: not the defect.
    assert before[0] - after[0] < EMISSIONS // 10, f"False lost {before[0] - after[0]} references"
    assert before[1] - after[1] < EMISSIONS // 10, f"True lost {before[1] - after[1]} references"
