"""Until the innovation, expertise and report-library views move into their packages (issue 13): the names
they use, from the one Dutch formatting module. Everything else imports models.domain.dutch itself."""
from __future__ import annotations

from models.domain.dutch import date, whole

from .richtext import plain as text

__all__ = ["date", "whole", "text"]
