"""The bench's own database for each size."""

from benchmarks.database import with_database


def test_a_bench_database_is_the_same_server_under_another_name():
    url = "postgres://postgres:secret@/cci_portal?host=%2Fwork%2Fmain%2Fvar%2Fpgdata"

    assert with_database(url, "cci_bench_1000") == (
        "postgres://postgres:secret@/cci_bench_1000?host=%2Fwork%2Fmain%2Fvar%2Fpgdata"
    )
