"""Everything without Qt: the domain rules, the database and the use cases."""
