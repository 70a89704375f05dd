"""The README documents what the code does."""

from dossier.site.config import schema_table
from helpers import REPO


def test_readme_settings_table_is_the_schema() -> None:
    assert schema_table() in (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    assert first_block.splitlines()[0].startswith("scripts/dev preview")
    assert first_block.splitlines()[1].startswith("scripts/dev test")
    assert "exec scripts/dev test" in (REPO / ".ci/run").read_text(encoding="utf-8")
