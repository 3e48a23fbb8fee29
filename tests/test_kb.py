"""The actor knowledge base: the shipped data is sound, roles answer by date, users can extend."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.actors.kb import KB, add_entry, builtin_files, load_kb, role_at
from newsgraph.actors.normalize import canonical, key, slug


@pytest.fixture(scope="module")
def kb() -> KB:
    return load_kb()


def test_every_builtin_file_parses_and_the_data_validates(kb: KB) -> None:
    assert len(builtin_files()) >= 10
    assert kb.validate() == []
    assert len(kb) > 1500


def test_codes_follow_the_conventions(kb: KB) -> None:
    assert kb.get("SUN").actor.kind == "country"
    assert kb.get("IGO.NATO").code == "IGO.NATO"
    assert kb.get("kremlin").code == "RUS.GOV"
    assert kb.get("kcna").code == "PRK.MED"
    assert kb.get("red_army").code == "SUN.MIL"
    assert kb.get("kgb").code == "SUN.SPY"
    for entry in kb:
        if entry.actor.kind == "country":
            assert entry.id == entry.actor.country


# The head of state on 1 January 2005, 2015 and 2025 in every country the people files cover.
HEADS_OF_STATE = {
    "ARG": ("nestor_kirchner", "cristina_fernandez_de_kirchner", "javier_milei"),
    "AUS": ("elizabeth_ii", "elizabeth_ii", "charles_iii"),
    "BRA": ("luiz_inacio_lula_da_silva", "dilma_rousseff", "luiz_inacio_lula_da_silva"),
    "CAN": ("elizabeth_ii", "elizabeth_ii", "charles_iii"),
    "CHN": ("hu_jintao", "xi_jinping", "xi_jinping"),
    "DEU": ("horst_kohler", "joachim_gauck", "frank_walter_steinmeier"),
    "FRA": ("jacques_chirac", "francois_hollande", "emmanuel_macron"),
    "GBR": ("elizabeth_ii", "elizabeth_ii", "charles_iii"),
    "IDN": ("susilo_bambang_yudhoyono", "joko_widodo", "prabowo_subianto"),
    "IND": ("a_p_j_abdul_kalam", "pranab_mukherjee", "droupadi_murmu"),
    "IRN": ("ali_khamenei", "ali_khamenei", "ali_khamenei"),
    "ISR": ("moshe_katsav", "reuven_rivlin", "isaac_herzog"),
    "ITA": ("carlo_azeglio_ciampi", "giorgio_napolitano", "sergio_mattarella"),
    "JPN": ("akihito", "akihito", "naruhito"),
    "KOR": ("roh_moo_hyun", "park_geun_hye", "yoon_suk_yeol"),
    "MEX": ("vicente_fox", "enrique_pena_nieto", "claudia_sheinbaum"),
    "PRK": ("kim_jong_il", "kim_jong_un", "kim_jong_un"),
    "RUS": ("vladimir_putin", "vladimir_putin", "vladimir_putin"),
    "SAU": ("fahd_of_saudi_arabia", "abdullah_of_saudi_arabia", "salman_of_saudi_arabia"),
    "TUR": ("ahmet_necdet_sezer", "recep_tayyip_erdogan", "recep_tayyip_erdogan"),
    "UKR": ("leonid_kuchma", "petro_poroshenko", "volodymyr_zelenskyy"),
    "USA": ("george_w_bush", "barack_obama", "joe_biden"),
    "ZAF": ("thabo_mbeki", "jacob_zuma", "cyril_ramaphosa"),
}


@pytest.mark.parametrize("country", sorted(HEADS_OF_STATE))
def test_head_of_state_by_role_and_date(kb: KB, country: str) -> None:
    for year, expected in zip((2005, 2015, 2025), HEADS_OF_STATE[country], strict=True):
        holder = kb.holder("head_of_state", country, f"{year}-01-01")
        assert holder is not None and holder.id == expected, (country, year)


def test_roles_are_time_bounded(kb: KB) -> None:
    assert kb.holder("defence_minister", "RUS", "2023-07-26").id == "sergei_shoigu"
    assert kb.holder("defence_minister", "RUS", "2025-01-01").id == "andrey_belousov"
    # the handover day belongs to the successor
    assert kb.holder("head_of_state", "USA", "2021-01-20").id == "joe_biden"
    assert kb.holder("head_of_state", "SUN", "1950-06-25").id == "joseph_stalin"
    assert kb.holder("head_of_government", "IGO.UNO", "2023-01-01").id == "antonio_guterres"
    assert kb.holder("head_of_state", "RUS", "1985-01-01") is None
    shoigu = kb.actor("sergei_shoigu")
    assert role_at(shoigu, "2023-07-26").office == "defence_minister"
    assert role_at(shoigu, "2012-01-01") is None
    # a state office is named before a party office
    assert role_at(kb.actor("xi_jinping"), "2020-01-01").office == "head_of_state"


def test_acting_holders_come_after_the_substantive_one(kb: KB) -> None:
    assert kb.holders("head_of_state", "KOR", "2025-01-01")[0] == "yoon_suk_yeol"
    assert "choi_sang_mok" in kb.holders("head_of_state", "KOR", "2025-01-01")


def test_aliases_are_normalized(kb: KB) -> None:
    for text in ("Kim Jong-un", "Kim Jong Un", "KIM JONG UN", "Kim Jong-Un"):
        assert kb.lookup(text)[0].entry == "kim_jong_un", text
    assert kb.lookup("Sergey Shoigu")[0].entry == kb.lookup("Sergei Shoigu")[0].entry
    assert {h.entry for h in kb.lookup("Zelensky")} == {h.entry for h in kb.lookup("Zelenskyy")}
    assert kb.lookup("Erdogan")[0].entry == "recep_tayyip_erdogan"
    assert kb.lookup("the Kremlin")[0].entry == "kremlin"
    assert kb.lookup("U.S.")[0].entry == "USA"
    assert canonical("Dmitri") == canonical("Dmitry") == canonical("Dmitriy")
    assert key("North Korea's") == ("north", "korea", "'s")
    assert slug("Kim Jong-un") == "kim_jong_un"


def test_wikipedia_titles_index(kb: KB) -> None:
    assert kb.by_wiki("United_States") == "USA"
    assert kb.by_wiki("Washington%2C_D.C.") == "washington_d_c"
    assert kb.by_wiki("Korean_People's_Army") == "kpa"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_user_files_merge_on_top(tmp_path: Path) -> None:
    extra = _write(tmp_path / "mine.yaml", """
entries:
  - id: kcna
    aliases: [Central News Agency of the North]
  - id: lena_ivanova
    name: Lena Ivanova
    kind: person
    country: RUS
    roles:
      - [spokesperson, RUS, Spokesperson of an invented ministry, 2020-01-01, null]
""")
    kb = load_kb([extra])
    assert kb.lookup("Central News Agency of the North")[0].entry == "kcna"
    assert kb.lookup("KCNA")[0].entry == "kcna"
    assert kb.actor("lena_ivanova").roles[0].office == "spokesperson"
    assert kb.validate() == []


def _problems(tmp_path: Path, text: str) -> list[str]:
    return load_kb([_write(tmp_path / "bad.yaml", text)], builtin=False).validate()


def test_validation_reports_bad_codes_offices_and_dates(tmp_path: Path) -> None:
    problems = _problems(tmp_path, """
entries:
  - {id: a, name: A, kind: organisation, country: XYZ}
  - {id: b, name: B, kind: person, country: FRA,
     roles: [[chief_wizard, FRA, Wizard, 2001-01-01, 2002-01-01]]}
  - {id: c, name: C, kind: person, country: FRA,
     roles: [[minister, FRA, Minister, 2005-01-01, 2001-01-01]]}
  - {id: NATO2, name: Not an IGO id, kind: igo}
  - {id: d, name: D, kind: gadget}
""")
    text = "\n".join(problems)
    assert "unknown country code 'XYZ'" in text
    assert "unknown office 'chief_wizard'" in text
    assert "starts 2005-01-01 after 2001-01-01" in text
    assert "IGO id must be IGO.X" in text
    assert "unknown kind 'gadget'" in text


def test_validation_reports_overlapping_single_holder_offices(tmp_path: Path) -> None:
    table = """
offices:
  - country: FRA
    office: head_of_state
    title: President
    source: an invented list
    holders:
      - [Alpha Person, 2000-01-01, 2005-01-01]
      - [Beta Person, 2004-06-01, 2010-01-01]
      - [Gamma Person, 2010-01-01, null]
"""
    problems = _problems(tmp_path, table)
    assert len(problems) == 1 and "alpha_person" in problems[0] and "beta_person" in problems[0]
    allowed = table + """
overlaps:
  - {office: head_of_state, country: FRA, holders: [alpha_person, beta_person],
     reason: an invented interim}
"""
    assert _problems(tmp_path, allowed) == []


def test_an_office_table_names_its_source(tmp_path: Path) -> None:
    table = """
offices:
  - country: FRA
    office: head_of_state
    title: President
    holders:
      - [Alpha Person, 2000-01-01, null]
"""
    assert [p.split(": ", 1)[1] for p in _problems(tmp_path, table)] == \
        ["head_of_state FRA: a table needs a source"]


def test_duplicate_ids_in_shipped_files_are_reported(tmp_path: Path) -> None:
    first = _write(tmp_path / "one.yaml", "entries:\n  - {id: x, name: X, kind: place}\n")
    second = _write(tmp_path / "two.yaml", "entries:\n  - {id: x, name: Y, kind: place}\n")
    from newsgraph.actors.kb import _Loader

    loader = _Loader()
    loader.load_file(first, user=False)
    loader.load_file(second, user=False)
    assert any("duplicate id x" in p for p in loader.finish([]).validate())


def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    assert any("cannot be read" in p for p in _problems(tmp_path, "entries: [ {id: a, name"))


def test_add_entry_appends_and_checks(tmp_path: Path) -> None:
    path = tmp_path / "user_kb.yaml"
    assert add_entry(path, {"name": "Ostrava Harbour Authority", "kind": "organisation",
                            "country": "CZE", "sector": "GOV"}) == []
    assert add_entry(path, {"id": "zed", "name": "Zed Zedson", "kind": "person",
                            "roles": [{"office": "minister", "country": "CZE",
                                       "title": "Minister of Invented Affairs",
                                       "start": "2021-01-01"}]}) == []
    kb = load_kb([path])
    assert kb.actor("ostrava_harbour_authority").country == "CZE"
    assert kb.actor("zed").roles[0].title == "Minister of Invented Affairs"
    bad = add_entry(path, {"name": "Nowhere Office", "kind": "organisation", "country": "QQQ"})
    assert bad and "QQQ" in bad[0]
    assert "Nowhere" not in path.read_text(encoding="utf-8")


def test_an_undated_article_codes_a_former_holder_by_the_offices_held() -> None:
    from newsgraph.actors.kb import person_code
    from newsgraph.model import Actor, Role

    minister = Actor("a_minister", "A Minister", "person", country="PAK", roles=[
        Role("foreign_minister", "PAK", "Foreign Minister", "2023-08-17", "2024-03-04")])
    assert person_code(minister, None) == "PAK.GOV"
    assert person_code(minister, "2025-01-01") == "PAK"  # out of office on a known date
    minister.roles.append(Role("military_commander", "PAK", "Chief of Army Staff", "2010-01-01",
                               "2013-01-01"))
    assert person_code(minister, None) == "PAK"  # two offices, two codes: no guess
