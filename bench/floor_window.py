"""The floor of the `--smoke` benchmark under the fixed stack: the bare window of `bare_window.py`, plus the
least any first screen read through SQLAlchemy needs before it can show a figure — the ORM imported and one
query through a Session. No code of the app at all.

Its ratio to the bare window is the lowest `--smoke` ratio that PySide6 + SQLAlchemy allow on the machine.
"""
from __future__ import annotations

import sys

import bare_window


def main() -> int:
    from sqlalchemy import create_engine, text
    from sqlalchemy.orm import Session

    engine = create_engine(f"sqlite:///{sys.argv[1]}")
    with Session(engine) as session:
        labels = session.scalars(text("SELECT label FROM school_year ORDER BY label")).all()
    engine.dispose()
    assert labels, "the floor reads the years of a filled database"
    return bare_window.main()


if __name__ == "__main__":
    sys.exit(main())
