"""Overeenkomsten: the year's agreements, their dialogs and status steps."""
