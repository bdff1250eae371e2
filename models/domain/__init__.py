"""Pure rules over ints and dataclasses; no database, no Qt."""
