"""The operators' command line, `kaizen-admin` (see admin/cli.py)."""
