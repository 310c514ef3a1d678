"""gunicorn's settings for the portal: ``python -m gunicorn cci_portal.wsgi`` reads this file.

The values below can be given from the environment (``GUNICORN_WORKERS`` and the others); the
command line (``--bind``, ``--workers``) wins over both.
"""

import os

# Sync workers: one request each, so as many as the cores the site may use.
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "sync"

# Long enough for the streamed exports (every project as CSV or OC4IDS: about 10 s at 100,000
# projects); the default 30 s killed them part-way through. A worker stuck past this is restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
# On a restart or a deploy, time for a worker to finish the export it is streaming.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "60"))

# Workers are not recycled by default: a new worker takes about a second to load the site, and
# under load (600 requests a second) recycling every 2,000 requests stalled a request in a
# hundred for that second. GUNICORN_MAX_REQUESTS turns it on where a worker's memory grows.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "0")) or max_requests // 10

accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
