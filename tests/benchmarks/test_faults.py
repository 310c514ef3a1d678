"""The faults run's options: its scales and bounds (the run itself is .ci/run's ``--small``)."""

import pytest

from benchmarks.faults.load import Outcome
from benchmarks.faults.run import options


def test_small_is_the_ci_scale_and_full_is_64_clients_for_30_seconds():
    assert (options([]).clients, options([]).seconds) == (64, 30.0)
    small = options(["--small"])
    assert (small.clients, small.seconds, small.scenarios) == (8, 5.0, ["steady", "restart", "worker"])
    assert small.time_limit < options([]).time_limit


@pytest.mark.parametrize("argv", [["--clients", "1000"], ["--seconds", "3600"], ["--scenarios", "flood"]])
def test_the_load_is_bounded(argv):
    with pytest.raises(SystemExit):
        options(argv)


def test_an_outcome_is_ok_for_2xx_and_3xx_only():
    assert Outcome("read", "/", 0.0, 0.1, 200).ok
    assert Outcome("read", "/", 0.0, 0.1, 304).ok
    assert not Outcome("read", "/", 0.0, 0.1, 503).ok
    assert not Outcome("read", "/", 0.0, 0.1, None, "RemoteDisconnected").ok
