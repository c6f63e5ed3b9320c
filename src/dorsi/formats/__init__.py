"""File formats shared by the web app and the command line (calendar, charts).

These modules may use third-party libraries (icalendar, matplotlib), so they stay out of the
pure core; they read the core's JSON documents, never the database.
"""
