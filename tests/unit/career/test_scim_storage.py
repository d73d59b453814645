"""The storage's own guard: a unique value another transaction took between the check and
the write (userName, e-mail) is a SCIM 409 uniqueness error, not a 500."""
from __future__ import annotations

import pytest
from scim2_models import UniquenessException
from sqlalchemy.exc import IntegrityError

from services.career.scim_protocol import PROVIDER
from services.career.scim_storage import CareerStorage, Effects


def test_a_unique_value_taken_meanwhile_is_a_uniqueness_error():
    storage = CareerStorage(None, PROVIDER, Effects(print, print, print, {}))
    with pytest.raises(UniquenessException) as refused, storage.operation():
        raise IntegrityError("INSERT INTO people ...", {}, Exception("duplicate key"))
    assert refused.value.status == 409 and "meanwhile" in refused.value.detail
