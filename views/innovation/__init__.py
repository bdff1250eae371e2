"""Innovatie: the exhaustion of the networks' budgets, the support questions with their status steps, the dialogs
for networks and budgets, and the report library (Verslagen, a tab of the page: 'Verslag ontvangen…' stores the
file it lists)."""
