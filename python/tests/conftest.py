"""pytest setup for the Python readers' tests: the warehouse comes from MAILTRIAGE_WAREHOUSE.

PythonReadersIT (mvn verify) builds it from data-samples/ for 2026-11-25 and 2026-11-26 and runs this suite on it.
By hand: run README's main command for --date 2026-11-25, then 2026-11-26, then
    MAILTRIAGE_WAREHOUSE=warehouse python/.venv/bin/python -m pytest python/tests
"""
import pytest

import support


@pytest.fixture(scope="session")
def warehouse():
    return support.warehouse()
