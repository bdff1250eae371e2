"""Fixtures of the export tests."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .readback import agreement_counts, budgets_csv


@pytest.fixture(scope="session")
def demo_figures(_templates: dict[str, Path], tmp_path_factory: pytest.TempPathFactory):
    """What the command line says about the demo year: budgets CSV sums and agreement counts."""
    copy = tmp_path_factory.mktemp("figures") / "demo.sqlite"
    shutil.copy(_templates["demo"], copy)
    return budgets_csv(copy), agreement_counts(copy)
