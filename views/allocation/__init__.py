"""Verdeling: the set-up of a school year and its month budgets."""
