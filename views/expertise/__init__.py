"""Expertise: the Gouden Gids of experts and organisations, its dialog and its actions."""
