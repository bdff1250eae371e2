"""Uren: the month grid per board x provider, every entry of the year, closing and reopening months, and the
providers' hour sheets."""
