"""Issue 12 on the kiosk device: what a kiosk keeps, and what it does when revoked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from desk.models.cache import open_cache
from desk.services.kiosk_device import enroll
from desk.sync.credentials import KeyringUnavailable
from tests.kiosk.helpers import OfficeClient
from tests.server.factories import CentreIds
from tests.support.server_process import ServerProcess


def test_enrolling_without_a_keyring_keeps_the_code_usable(
    server: ServerProcess, kiosk_centre: CentreIds, tmp_path: Path, keyring_file: Any
) -> None:
    """Regression, issue 12 item 16: on a machine with no keyring the enrollment used
    up the one-time code before finding it could not store the token, and the next
    try said the code was unknown. Failed before the fix at the second `enroll`.
    """
    with OfficeClient(server.url, kiosk_centre) as office:
        code = office.enrollment_code()
    with open_cache(tmp_path / "kiosk.db") as cache:
        keyring.set_keyring(NoKeyring())
        try:
            with pytest.raises(KeyringUnavailable, match="no system keyring"):
                enroll(cache, server.url, code, "Front door")
        finally:
            keyring.set_keyring(keyring_file)
        enrollment, api = enroll(cache, server.url, code, "Front door")  # same code
        api.close()
        assert enrollment.device_id
