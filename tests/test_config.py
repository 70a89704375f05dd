"""site.yml: the schema table, unknown keys, wrong types, overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.config import SCHEMA, Config, load_config, schema_table
from dossier.errors import DossierError
from helpers import run_build


def write_settings(root: Path, text: str) -> Path:
    (root / "site.yml").write_text(text, encoding="utf-8")
    return root


def test_defaults_when_there_is_no_site_yml(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.title == "Dossier"
    assert config.base_path == "/"
    assert config.site_url == ""


def test_every_schema_key_is_a_config_field_with_the_same_default() -> None:
    config = Config(root=Path("."))
    for setting in SCHEMA:
        assert getattr(config, setting.name) == setting.default, setting.name
        assert setting.doc.endswith("."), setting.name
    assert "| `base_url` | str |" in schema_table()


def test_unknown_key_names_the_nearest_known_key_and_its_line(tmp_path: Path) -> None:
    write_settings(tmp_path, "title: T\nlanguage: ru\ntitel: typo\n")
    with pytest.raises(DossierError) as caught:
        load_config(tmp_path)
    assert str(caught.value) == "site.yml:3: unknown setting 'titel': did you mean 'title'?"


def test_wrong_type_is_reported_with_the_expected_type(tmp_path: Path) -> None:
    write_settings(tmp_path, "pagination: many\n")
    with pytest.raises(DossierError) as caught:
        load_config(tmp_path)
    assert str(caught.value) == "site.yml:1: 'pagination' must be int, got str 'many'"


def test_broken_yaml_is_located(tmp_path: Path) -> None:
    write_settings(tmp_path, "title: [unclosed\n")
    with pytest.raises(DossierError) as caught:
        load_config(tmp_path)
    assert str(caught.value).startswith("site.yml:2:1: YAML: ")


def test_base_url_gives_base_path_and_site_url(tmp_path: Path) -> None:
    write_settings(tmp_path, "base_url: https://user.github.io/dossier\n")
    config = load_config(tmp_path)
    assert config.base_path == "/dossier/"
    assert config.site_url == "https://user.github.io/dossier/"


def test_command_line_base_url_overrides_site_yml(tmp_path: Path) -> None:
    write_settings(tmp_path, "base_url: https://a.example/\n")
    assert load_config(tmp_path, {"base_url": "https://b.example/x/"}).base_path == "/x/"


def test_cli_reports_a_settings_error_in_one_line_without_traceback(tmp_path: Path) -> None:
    write_settings(tmp_path, "langauge: ru\n")
    result = run_build(tmp_path, "--no-search")
    assert result.returncode == 1
    assert result.stderr == "error: site.yml:1: unknown setting 'langauge': did you mean 'language'?\n"
