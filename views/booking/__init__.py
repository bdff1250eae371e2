"""Booking realised hours: the hours dialog and removing a booking, shared by the Uren and Overeenkomsten pages."""
