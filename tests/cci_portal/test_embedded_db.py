"""The embedded server's list of users forgets processes that were killed, so it can stop."""

import json
import os
import subprocess
import sys

from cci_portal.embedded_db import HANDLES_FILE, forget_dead_processes


def a_dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_killed_processes_are_dropped_from_the_list(tmp_path):
    dead = a_dead_pid()
    (tmp_path / HANDLES_FILE).write_text(json.dumps([os.getpid(), dead]))

    assert forget_dead_processes(tmp_path) == [os.getpid()]
    assert json.loads((tmp_path / HANDLES_FILE).read_text()) == [os.getpid()]


def test_no_list_yet(tmp_path):
    assert forget_dead_processes(tmp_path) == []
