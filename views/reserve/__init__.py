"""Reserve: what is left of each provider's reserve and the grants of the year."""
