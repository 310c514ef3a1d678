"""The performance harness: the portal's pages and API measured over real HTTP against gunicorn."""
