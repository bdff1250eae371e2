"""Stamgegevens: boards, their schools and providers, for every school year."""
