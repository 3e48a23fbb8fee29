"""The maintainer's tool tools/gen_countries.py: the shipped country and capital files are what
it makes from its table and pycountry, so an edit to either is regenerated, not hand-made."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_countries",
                                                  ROOT / "tools" / "gen_countries.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_files_are_what_the_tool_makes(tool: ModuleType) -> None:
    for name, text in tool.render().items():
        shipped = (ROOT / "src" / "newsgraph" / "data" / "kb" / name).read_text(encoding="utf-8")
        assert shipped == text, f"{name} is out of step: run `python tools/gen_countries.py`"


def test_the_tool_writes_into_a_folder_given(tool: ModuleType, tmp_path: Path) -> None:
    assert tool.main([str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["capitals.yaml", "countries.yaml"]
    table = tool.read_table()
    assert table["countries"]["PRK"]["name"] == "North Korea"
    assert ("Kyiv", "Kiev") in table["same_city"]
