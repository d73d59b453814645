"""A CSV import refused for its rows answers MeasurementImportError with every bad row; any
other refusal answers its own typed error."""
from __future__ import annotations

from gateway.errors import NotFoundError, ValidationError
from gateway.experiments.imports import MeasurementImportError, import_refusal
from shared import errors as domain


def test_row_problems_become_one_import_error_naming_every_row():
    refused = import_refusal(domain.ValidationError([
        {"row": 2, "field": "value", "message": "'x' is not a number"},
        {"row": 2, "field": "at", "message": "is required"},
        {"row": 5, "field": "columns", "message": "expected at,value[,note]"}]))
    assert isinstance(refused, MeasurementImportError)
    assert refused.message == "2 rows have problems; nothing was imported"
    assert [(r.row, r.field) for r in refused.rows] == [(2, "value"), (2, "at"), (5, "columns")]


def test_other_refusals_keep_their_type_and_the_services_message():
    whole = import_refusal(domain.ValidationError("has no rows", field="csv"))
    assert isinstance(whole, ValidationError) and whole.field == "csv"
    missing = import_refusal(domain.NotFound("no experiment with id e1"))
    assert isinstance(missing, NotFoundError) and missing.message == "no experiment with id e1"
