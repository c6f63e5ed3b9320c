"""Pure drawing: exercise stick figures and charts as SVG, shared by the web app and the CLI.

No framework, no I/O beyond reading its packaged pose data; it reads the core, never the reverse.
"""
