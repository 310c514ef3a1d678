"""``python -m benchmarks.faults``: see :mod:`benchmarks.faults.run`."""

import sys

from benchmarks.faults.run import main

sys.exit(main())
