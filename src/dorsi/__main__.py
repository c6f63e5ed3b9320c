"""`python -m dorsi` runs the command line."""

from dorsi.cli.app import main

main()
