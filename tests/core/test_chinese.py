"""Chinese words for the search index and the query, the domain dictionary, and pinyin sort keys."""

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from core import chinese
from core.chinese import add_words, index_words, pinyin_sort_key, query_words, segment

ROOT = Path(__file__).resolve().parent.parent.parent
DOMAIN_WORDS = ["两江新区", "果园港", "国际数据通道", "陆海新通道", "新加坡航空", "冷链", "数据中心"]
HARBOUR = "两江新区的果园港连接国际数据通道。"
AIRLINE = "新加坡航空 Singapore Airlines 2019年"
CORRIDOR = "陆海新通道上的冷链物流与数据中心"


@pytest.fixture(autouse=True)
def _fresh_segmenter(settings):
    """No dictionary files (whatever the project's settings name) and no added words, before and after."""
    settings.CHINESE_DICTIONARY_FILES = []
    chinese.reset()
    yield
    chinese.reset()


@pytest.fixture
def dictionary(settings, tmp_path):
    """The domain words in a dictionary file named by the setting."""
    path = tmp_path / "dictionary.txt"
    path.write_text("\n".join(DOMAIN_WORDS) + "\n", encoding="utf-8")
    settings.CHINESE_DICTIONARY_FILES = [path]
    return path


# Segmentation for the index ---------------------------------------------------------------------------------


def test_without_the_dictionary_the_names_are_split_up():
    assert segment(HARBOUR) == [
        *("两江", "新区", "的", "果园", "港", "连接"),
        *("国际", "数据", "数据通", "通道", "数据通道"),
    ]
    assert segment(CORRIDOR) == ["陆海", "新", "通道", "上", "的", "冷链", "物流", "与", "数据", "中心", "数据中心"]


@pytest.mark.usefixtures("dictionary")
def test_with_the_dictionary_each_name_is_a_word_after_the_words_inside_it():
    assert segment(HARBOUR) == [
        *("两江", "新区", "两江新区"),
        "的",
        *("果园", "果园港"),
        "连接",
        *("国际", "数据", "数据通", "数据通道", "通道", "国际数据通道"),
    ]
    assert segment(CORRIDOR) == [
        *("陆海", "通道", "陆海新通道"),
        *("上", "的", "冷链", "物流", "与"),
        *("数据", "中心", "数据中心"),
    ]


def test_mixed_chinese_and_english_without_and_with_the_dictionary(settings, dictionary):
    assert segment(AIRLINE) == ["新加坡", "航空", "新加坡航空", "singapore", "airlines", "2019", "年"]
    settings.CHINESE_DICTIONARY_FILES = []
    assert segment(AIRLINE) == ["新加坡", "航空", "singapore", "airlines", "2019", "年"]


def test_latin_words_and_numbers_are_lowercased_and_kept_whole():
    assert segment("COVID-19 疫情，3.6亿美元") == ["covid-19", "疫情", "3.6", "美元", "亿美元"]


def test_full_width_letters_and_digits_are_read_as_ascii():
    assert segment("Ｓｉｎｇａｐｏｒｅ\u3000２０１９年") == ["singapore", "2019", "年"]  # noqa: RUF001 (full-width letters and digits, on purpose)


def test_repeated_words_are_kept_and_punctuation_dropped():
    assert segment("重庆，重庆！ Chongqing; chongqing…") == ["重庆", "重庆", "chongqing", "chongqing"]


@pytest.mark.parametrize("text", ["", None, "  ", "，。！……"])
def test_a_text_without_words_gives_none(text):
    assert segment(text) == []
    assert index_words(text) == ""


@pytest.mark.usefixtures("dictionary")
def test_index_words_joins_the_words_of_every_text_with_spaces():
    assert index_words(HARBOUR, None, "", AIRLINE) == (
        "两江 新区 两江新区 的 果园 果园港 连接 国际 数据 数据通 数据通道 通道 国际数据通道 "
        "新加坡 航空 新加坡航空 singapore airlines 2019 年"
    )


# Query words ------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("dictionary")
def test_a_query_keeps_each_name_whole_and_drops_the_stop_words():
    assert query_words("两江新区的国际数据通道与果园港") == ["两江新区", "国际数据通道", "果园港"]
    assert query_words(CORRIDOR) == ["陆海新通道", "上", "冷链", "物流", "数据中心"]
    assert query_words(AIRLINE) == ["新加坡航空", "singapore", "airlines", "2019", "年"]


def test_without_the_dictionary_a_query_splits_the_names_too():
    assert query_words("两江新区的国际数据通道与果园港") == ["两江", "新区", "国际", "数据通道", "果园", "港"]


def test_a_query_gives_each_word_once_lowercased():
    assert query_words("Singapore  SINGAPORE 新加坡, 重庆和新加坡") == ["singapore", "新加坡", "重庆"]


@pytest.mark.parametrize("query", ["", None, "的", "和与", "，。！"])
def test_a_query_of_nothing_but_stop_words_or_punctuation_gives_no_words(query):
    assert query_words(query) == []


@pytest.mark.usefixtures("dictionary")
@pytest.mark.parametrize("query", ["数据", "通道", "国际", "数据通道", "国际数据通道", "两江新区的国际数据通道"])
def test_the_words_of_a_query_for_a_name_or_a_part_of_it_are_among_the_index_words(query):
    assert query_words(query)
    assert set(query_words(query)) <= set(segment(HARBOUR))


@pytest.mark.django_db
@pytest.mark.usefixtures("dictionary")
@pytest.mark.parametrize(
    ("query", "found"),
    [("数据", True), ("国际数据通道", True), ("数据通道", True), ("两江新区 果园港", True), ("2019", True)],
)
def test_postgresql_finds_the_text_by_its_index_words(query, found):
    """The contract with the ``simple`` configuration: it keeps each space-separated Chinese word whole."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('simple', %s) @@ plainto_tsquery('simple', %s)",
            [index_words(HARBOUR, AIRLINE), " ".join(query_words(query))],
        )
        assert cursor.fetchone()[0] is found


@pytest.mark.django_db
@pytest.mark.usefixtures("dictionary")
def test_postgresql_does_not_find_a_text_by_a_name_it_lacks():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('simple', %s) @@ plainto_tsquery('simple', %s)",
            [index_words(HARBOUR), " ".join(query_words("陆海新通道"))],
        )
        assert cursor.fetchone()[0] is False


# The dictionary ---------------------------------------------------------------------------------------------


def test_the_dictionary_setting_may_be_missing(settings):
    del settings.CHINESE_DICTIONARY_FILES
    assert query_words("果园港") == ["果园", "港"]


def test_added_words_count_before_and_after_the_first_cut():
    add_words(["果园港"])
    assert query_words("果园港和两江新区") == ["果园港", "两江", "新区"]
    add_words(["两江新区", "", "  ", "两江 新区"])
    assert query_words("果园港和两江新区") == ["果园港", "两江新区"]


def test_reset_forgets_the_added_words():
    add_words(["果园港"])
    chinese.reset()
    assert query_words("果园港") == ["果园", "港"]


def test_nothing_is_built_until_the_first_cut():
    add_words(["果园港"])
    assert chinese._segmenter._tokenizer is None
    segment("果园港")
    assert chinese._segmenter._tokenizer is not None


def test_importing_the_module_loads_neither_segmenter_nor_pinyin():
    code = "import sys, core.chinese; print('rjieba' in sys.modules, 'pypinyin' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_a_changed_list_of_files_is_read_anew(settings, tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("果园港\n", encoding="utf-8")
    second.write_text("两江新区\n", encoding="utf-8")
    settings.CHINESE_DICTIONARY_FILES = [first]
    assert query_words("果园港两江新区") == ["果园港", "两江", "新区"]
    settings.CHINESE_DICTIONARY_FILES = [str(first), str(second)]
    assert query_words("果园港两江新区") == ["果园港", "两江新区"]
    settings.CHINESE_DICTIONARY_FILES = [second]
    assert query_words("果园港两江新区") == ["果园", "港", "两江新区"]


def test_added_words_outlive_a_change_of_files(settings, dictionary):
    add_words(["中新互联互通"])
    assert query_words("中新互联互通") == ["中新互联互通"]
    settings.CHINESE_DICTIONARY_FILES = []
    assert query_words("中新互联互通") == ["中新互联互通"]


def test_a_dictionary_file_skips_blank_lines_and_comments_and_takes_a_frequency(settings, tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_text("\ufeff# Places\n\n  果园港  \n两江新区 1000 ns\n", encoding="utf-8")
    settings.CHINESE_DICTIONARY_FILES = [path]
    assert query_words("#果园港两江新区 Places") == ["果园港", "两江新区", "places"]


def test_a_missing_dictionary_file_is_a_configuration_error(settings, tmp_path):
    settings.CHINESE_DICTIONARY_FILES = [tmp_path / "missing.txt"]
    with pytest.raises(ImproperlyConfigured, match=r"CHINESE_DICTIONARY_FILES: cannot read .*missing\.txt"):
        segment("果园港")


def test_one_path_instead_of_a_list_is_a_configuration_error(settings, dictionary):
    settings.CHINESE_DICTIONARY_FILES = str(dictionary)
    with pytest.raises(ImproperlyConfigured, match="must be a list of paths"):
        segment("果园港")


def test_words_may_be_added_while_other_threads_cut():
    """A cut lets go of the GIL: without the lock, adding a word meanwhile fails ("Already borrowed")."""
    errors = []
    long_text = HARBOUR * 2000

    def cut() -> None:
        try:
            for _ in range(5):
                segment(long_text)
        except Exception as error:  # pragma: no cover - what the test is there to catch
            errors.append(error)

    threads = [threading.Thread(target=cut) for _ in range(3)]
    for thread in threads:
        thread.start()
    for number in range(200):
        add_words([f"果园港{number}号"])
    for thread in threads:
        thread.join()
    assert errors == []
    assert query_words("果园港") == ["果园", "港"]


# Pinyin sort keys -------------------------------------------------------------------------------------------


def test_chinese_texts_sort_in_pinyin_order():
    names = ["中新", "物流", "航空", "长江", "重庆", "北京", "安全"]
    assert sorted(names, key=pinyin_sort_key) == ["安全", "北京", "长江", "重庆", "航空", "物流", "中新"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("重庆", "chong2qing4 重庆"),
        ("重要", "zhong4yao4 重要"),
        ("长江", "chang2jiang1 长江"),
        ("长大", "zhang3da4 长大"),
        ("银行", "yin2hang2 银行"),
        ("行走", "xing2zou3 行走"),
        ("吗", "ma5 吗"),
        ("绿", "lv4 绿"),
    ],
)
def test_a_polyphonic_character_is_read_from_its_phrase(text, key):
    assert pinyin_sort_key(text) == key


def test_the_tone_ends_a_syllable_so_shorter_syllables_come_first():
    names = ["先", "西安", "骂", "马", "麻", "妈", "吗"]
    assert sorted(names, key=pinyin_sort_key) == ["妈", "麻", "马", "骂", "吗", "西安", "先"]


def test_numbers_come_first_by_value_and_latin_letters_among_the_pinyin():
    names = ["重庆", "Zhongxin Park", "10号楼", "安全", "CBD", "阿", "Airlines", "A区", "2号楼", "Café", "擦"]
    assert sorted(names, key=pinyin_sort_key) == [
        *("2号楼", "10号楼"),
        *("A区", "阿", "Airlines", "安全"),
        *("擦", "Café", "CBD", "重庆"),
        "Zhongxin Park",
    ]
    assert pinyin_sort_key("A区") == "a0qu1 A区"
    assert pinyin_sort_key("10号楼") == "210hao4lou2 10号楼"


def test_numbers_of_any_length_compare_by_value():
    numbers = ["1000000000", "999999999", "12345678", "007", "0", "88"]
    assert sorted(numbers, key=pinyin_sort_key) == ["0", "007", "88", "12345678", "999999999", "1000000000"]


def test_the_key_orders_by_bytes_as_it_does_by_characters():
    """The database compares the keys' UTF-8 bytes (the C collation): the order must be the same."""
    names = ["中新", "Ｓｉｎｇａｐｏｒｅ", "新加坡", "𠀀", "重庆", "2019年", "Ωmega", "ä", "z"]  # noqa: RUF001 (full-width letters and digits, on purpose)
    keys = [pinyin_sort_key(name) for name in names]
    assert sorted(keys, key=lambda key: key.encode()) == sorted(keys)


def test_texts_that_read_alike_are_ordered_by_the_text_itself():
    assert sorted(["公式", "公示", "Ab", "AB"], key=pinyin_sort_key) == ["AB", "Ab", "公式", "公示"]
    assert pinyin_sort_key("公示") == "gong1shi4 公示"


def test_punctuation_and_spaces_count_for_nothing_but_the_text_itself():
    assert pinyin_sort_key("中新（重庆）") == "zhong1xin1chong2qing4 中新(重庆)"


@pytest.mark.parametrize("text", ["", None])
def test_an_empty_text_has_an_empty_key(text):
    assert pinyin_sort_key(text) == ""


def test_the_key_is_cut_to_its_maximum_length():
    assert len(pinyin_sort_key("庄" * 300)) == chinese.SORT_KEY_MAX_LENGTH
    assert pinyin_sort_key("重庆来福士", max_length=8) == "chong2qi"
