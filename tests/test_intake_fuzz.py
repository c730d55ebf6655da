"""Fuzz: mutated and truncated bytes of real .xlsx / .xls / .ods / HTML / .csv ledgers are imported or
refused; the process stays alive and nothing is half-written.

Every outcome is either an ImportPlan (then committed: the batch holds exactly the rows it reports) or a
Refused with a Chinese and an English message. Any other exception, or a crash of this process (which a
reading library could cause before files were read in a child process), fails the test.
"""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.intake import Refused, commit_import
from analytics.intake.sandbox import Unreadable
from tests import hostile_files as hostile
from tests.intake_files import fixture_file, import_file, registry, table_counts

SEEDS = {
    "xlsx": fixture_file("visits.csv", "xlsx"),
    "xls": fixture_file("visits.csv", "xls"),
    "csv": fixture_file("visits.csv", "csv-gbk"),
    "ods": (hostile.ods_bytes([["走访日期", "统一社会信用代码", "走访人"], ["2021-06-08", "914406050000000019", "张敏"]]), "走访.ods"),
    "html": (hostile.html_xls("<table><tr><td>走访日期</td><td>统一社会信用代码</td></tr><tr><td rowspan=2>2021-06-08</td><td>914406050000000019</td></tr></table>"), "走访.xls"),
}  # fmt: skip


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return registry(tmp_path_factory.mktemp("fuzz"))


@st.composite
def mutated(draw: st.DrawFn) -> tuple[bytes, str]:
    kind = draw(st.sampled_from(sorted(SEEDS)))
    data, name = SEEDS[kind]
    data = bytearray(data)
    for _ in range(draw(st.integers(0, 8))):
        position = draw(st.integers(0, max(0, len(data) - 1)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "zero", "ff"]))
        if action == "flip":
            data[position] ^= 1 << draw(st.integers(0, 7))
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 64))]
        elif action == "zero":
            data[position : position + 4] = b"\x00\x00\x00\x00"
        else:
            data[position : position + 4] = b"\xff\xff\xff\x7f"
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]  # an interrupted download
    return bytes(data), name


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=mutated())
def test_mutated_files_are_imported_or_refused_and_nothing_is_half_written(con, file):
    data, name = file
    before = table_counts(con)
    try:
        plan = import_file(con, data, name, "visits")
    except Unreadable as refusal:
        assert refusal.problem.zh.startswith("无法安全读取该文件") and refusal.reference
        assert table_counts(con) == before
        return
    except Refused as refusal:
        assert refusal.problem.zh and refusal.problem.en
        assert table_counts(con) == before
        return
    if plan.imported_as is not None:  # this very file (an unharmed mutation) is in force already
        with pytest.raises(Refused):
            commit_import(con, plan)
        assert table_counts(con) == before
        return
    batch_id, counts = commit_import(con, plan)
    after = table_counts(con)
    assert after["visits"] == before["visits"] + counts.inserted
    (stored,) = con.execute("SELECT count(*) FROM visits WHERE batch_id = ?", [batch_id]).fetchone()
    assert stored == counts.inserted + counts.updated
    assert after["import_batches"] == before["import_batches"] + 1
