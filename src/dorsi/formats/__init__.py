"""File formats shared by the web app and the command line: the plan's iCalendar and the PNG of
a drawing. They may use third-party libraries (icalendar, resvg), so they stay out of the pure
core; they read the core's values and dorsi.draw's SVG, never the database.
"""
