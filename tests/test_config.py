"""site.yml: the schema table, unknown keys, wrong types, overrides."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dossier.site.config import SCHEMA, Config, load_config, schema_table
from dossier.util.errors import DossierError
from helpers import REPO, run_build


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


def test_unknown_key_names_the_nearest_known_key_and_its_line_and_column(tmp_path: Path) -> None:
    write_settings(tmp_path, "title: T\nlanguage: ru\ntitel: typo\n")
    with pytest.raises(DossierError) as caught:
        load_config(tmp_path)
    assert str(caught.value) == "site.yml:3:1: unknown setting 'titel': did you mean 'title'?"


def test_wrong_type_is_reported_with_the_expected_type(tmp_path: Path) -> None:
    write_settings(tmp_path, "pagination: many\n")
    with pytest.raises(DossierError) as caught:
        load_config(tmp_path)
    assert str(caught.value) == "site.yml:1:13: 'pagination' must be int, got str 'many'"
    # A wrong value is located where it is written, on the lines after its key as well.
    write_settings(tmp_path, "title: T\nauthor:\n  - Synthetic Name\n")
    with pytest.raises(DossierError) as caught:
        load_config(tmp_path)
    assert str(caught.value) == "site.yml:3:3: 'author' must be str, got list ['Synthetic Name']"


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
    assert result.stderr == "error: site.yml:1:1: unknown setting 'langauge': did you mean 'language'?\n"


def test_an_impossible_date_in_site_yml_is_one_line(tmp_path: Path) -> None:
    write_settings(tmp_path, "title: T\ndescription: 2026-02-30\n")
    result = run_build(tmp_path, "--no-search")
    assert (result.returncode, result.stderr) == (1, (
        "error: site.yml:2:14: 'description': '2026-02-30' is not a real date (day is out of range for "
        "month): write one that exists (2026-01-06, 2026-01-06T09:30:00+03:00) or, for text, quote it\n"))


def test_an_alias_bomb_in_site_yml_is_refused_in_one_line(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 8)]
    write_settings(tmp_path, "\n".join(lines) + f"\ntitle: [{', '.join(['*a7'] * 9)}]\n")
    result = run_build(tmp_path, "--no-search")
    assert (result.returncode, result.stderr) == (1, (
        "error: site.yml:9:1: 'title': YAML aliases (*name) repeat values more than 10,000 times: "
        "write the value out instead\n"))


def test_a_duplicate_setting_and_a_wrong_value_are_shown_short(tmp_path: Path) -> None:
    write_settings(tmp_path, "title: A\ntitle: B\n")
    with pytest.raises(DossierError) as caught:
        load_config(tmp_path)
    assert str(caught.value) == "site.yml:2:1: duplicate key 'title' (also on line 1): keep only one of them"
    write_settings(tmp_path, "author: [" + ", ".join(["Synthetic Name"] * 1000) + "]\n")
    with pytest.raises(DossierError) as caught:
        load_config(tmp_path)
    assert str(caught.value) == ("site.yml:1:9: 'author' must be str, got list "
                                 "['Synthetic Name', 'Synthetic Name', 'Synthetic Name', 'Synthetic Name', ...]")


def test_a_language_that_is_no_language_code_is_refused(tmp_path: Path) -> None:
    write_settings(tmp_path, "language: " + "en-" + "x" * 40 + "\n")
    result = run_build(tmp_path)
    assert (result.returncode, result.stderr) == (1, (
        "error: site.yml:1:11: 'language': 'en-xxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxx' is not a language "
        "code: write one such as en, ru or pt-BR\n"))
    for good in ("ru", "pt-BR", "zh-Hant-TW"):
        assert load_config(write_settings(tmp_path, f"language: {good}\n")).language == good


def test_a_cname_that_is_no_host_name_is_refused_and_never_written(tmp_path: Path) -> None:
    write_settings(tmp_path, 'cname: "evil.example\\n<script>"\n')
    result = run_build(tmp_path, "--no-search")
    assert (result.returncode, result.stderr) == (1, (
        "error: site.yml:1:8: 'cname': 'evil.example\\n<script>' is not a host name: write one such as "
        "dossier.example.org\n"))
    assert not (tmp_path / "public" / "CNAME").exists()
    for bad in ("https://dossier.example.org", "dossier..example.org", "-x.example.org", "dossier.example.org/x"):
        with pytest.raises(DossierError):
            load_config(write_settings(tmp_path, f"cname: '{bad}'\n"))
    write_settings(tmp_path, "cname: dossier.example.org\n")
    assert run_build(tmp_path, "--no-search").returncode == 0
    assert (tmp_path / "public" / "CNAME").read_text(encoding="utf-8") == "dossier.example.org\n"


def test_settings_that_are_not_utf8_name_the_line(tmp_path: Path) -> None:
    (tmp_path / "site.yml").write_bytes("title: Synthetic\nauthor: Zoë\n".encode("latin-1"))
    result = run_build(tmp_path, "--no-search")
    assert (result.returncode, result.stderr) == (
        1, "error: site.yml:2:11: not UTF-8 text (byte 0xeb): save the file as UTF-8\n")


def test_a_python_without_the_packages_says_how_to_set_up(tmp_path: Path) -> None:
    # The Python the venv was made from, without any site-packages: what a newcomer runs before setup.
    python = str(Path(sys.base_prefix) / "bin" / "python3")
    result = subprocess.run([python, "-E", "-s", "-S", str(REPO / "build.py"), "build", "--root", str(tmp_path)],
                            capture_output=True, text=True, check=False, env={}, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (f"error: {python} has no module 'yaml' that dossier needs: set up once with "
                             "scripts/dev setup, then run .venv/bin/python build.py\n")
