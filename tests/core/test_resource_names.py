"""The Chinese names of a column's codes, and back: only names that read back as their own code."""

from core.resource_names import Naming


def test_names_map_codes_and_back_in_lists_too():
    naming = Naming(lambda: {"aviation": "航空", "ict": "信息通信"}, separator=";")

    assert naming.name("aviation;ict;unknown") == "航空;信息通信;unknown"
    assert naming.code("航空;信息通信;unknown") == "aviation;ict;unknown"


def test_a_name_shared_or_equal_to_a_code_is_not_used():
    # Two zones called 港区; a zone whose Chinese name is another zone's slug, which has no name.
    naming = Naming(lambda: {"north": "港区", "south": "港区", "b": "x", "x": "", "c": "园区"})

    assert [naming.name(code) for code in ("north", "south", "b", "x", "c")] == ["north", "south", "b", "x", "园区"]
    assert [naming.code(text) for text in ("港区", "x", "园区")] == ["港区", "x", "c"]
