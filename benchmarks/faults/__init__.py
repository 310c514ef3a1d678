"""Load and faults against gunicorn: a PostgreSQL restart and a killed worker under load (run.py)."""
