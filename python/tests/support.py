"""What the Python tests share: where things are, and a missing component failing under CI=true.

A test that needs a real component (a package, the warehouse) fails under CI=true when it is missing and is
skipped with the reason elsewhere, as the Java tests do (RequiredComponent).
"""
import importlib
import json
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
UNDER_CI = os.environ.get("CI", "").lower() == "true"
REPORT_DATES = ["2026-11-25", "2026-11-26"]

# Each table's Hive partition column (schemas/*.json lists it last).
PARTITION_COLUMNS = {
    "events": "event_date",
    "quarantine": "ingest_date",
    "runs": "run_date",
    "dns_answers": "asked_date",
    "server_remediation": "report_date",
    "delisting_requests": "report_date",
    "failure_summary": "report_date",
}


def missing(what):
    if UNDER_CI:
        pytest.fail(f"{what} is required under CI=true but missing (.ci/run installs it)", pytrace=False)
    pytest.skip(f"{what} is missing: skipped outside CI", allow_module_level=True)


def require(module):
    """Imports a package from python/requirements.txt, or fails (CI) / skips (elsewhere) the module."""
    try:
        return importlib.import_module(module)
    except ImportError:
        missing(f"the Python package {module} (python/install.sh)")


def warehouse():
    configured = os.environ.get("MAILTRIAGE_WAREHOUSE")
    if not configured:
        missing("MAILTRIAGE_WAREHOUSE (a warehouse built from data-samples/ for 2026-11-25 and 2026-11-26)")
    path = pathlib.Path(configured).resolve()
    if not all((path / table).is_dir() for table in PARTITION_COLUMNS):
        missing(f"a warehouse with all seven tables at {path}")
    return path


def schema(table):
    """The table's Spark StructType from schemas/TABLE.json: the contract readers rely on."""
    return json.loads((ROOT / "schemas" / f"{table}.json").read_text())


def partition_column(table):
    return PARTITION_COLUMNS[table]
