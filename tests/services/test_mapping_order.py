"""The second scheme (models/orm_innovation.py) is imported ahead in a worker thread while other threads query;
a query configures the mappers, so it may do so between any two of its classes. Each class names only classes
above it, so that configuring there works. Run in a process of its own: this one has mapped them already."""
from __future__ import annotations

import subprocess
import sys

CONFIGURE_AFTER_EACH_CLASS = """
from sqlalchemy import event
from sqlalchemy.orm import Mapper, configure_mappers

import models.orm

configure_mappers()
mapped = []
event.listen(Mapper, "after_mapper_constructed", lambda mapper, cls: (mapped.append(cls.__name__),
                                                                      configure_mappers()))
import models.orm_innovation  # noqa: E402

print(len(mapped), "ok")
"""


def test_the_mappers_configure_between_any_two_classes_of_the_second_scheme() -> None:
    done = subprocess.run([sys.executable, "-c", CONFIGURE_AFTER_EACH_CLASS], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["14", "ok"]  # every class of the second scheme, each configured at once
