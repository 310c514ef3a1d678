"""The fuzz's count of cases at the end of the run: each fuzz test reports the cases it ran (a user
property of its report, see ``conftest._cases_reported``), and the process that prints the summary adds
them up, the only one with every report when test processes run side by side (``pytest -n``).

Hooks of the suite's root conftest (``tests/conftest.py`` imports them), which every process loads.
"""

from collections import Counter

REPORTED: Counter = Counter()
CASES_PROPERTY = "fuzz_cases"


def pytest_runtest_logreport(report):
    if report.when != "teardown":
        return
    for name, value in report.user_properties:
        if name == CASES_PROPERTY:
            for who, label, count in value:
                REPORTED[(who, label)] += count


def pytest_terminal_summary(terminalreporter):
    if not REPORTED:
        return
    operations = {label for _who, label in REPORTED}
    least = min(REPORTED.values())
    terminalreporter.write_sep("-", "schemathesis")
    for who in sorted({who for who, _label in REPORTED}):
        runs = {label: count for (caller, label), count in REPORTED.items() if caller == who}
        terminalreporter.write_line(f"{who}: {sum(runs.values())} cases over {len(runs)} operations")
    terminalreporter.write_line(
        f"schemathesis: {sum(REPORTED.values())} cases over {len(operations)} operations, at least {least} each"
    )
    # An operation with few possible requests (no parameters, say) runs out of new cases early.
    fewest = sorted(REPORTED.items(), key=lambda item: item[1])[:8]
    terminalreporter.write_line("fewest: " + ", ".join(f"{who} {label} {count}" for (who, label), count in fewest))
