"""Stories without a headline line (a lead paragraph first), through the real `build.py ingest`.

Every person and place here is invented (Тестоград, Примерск, Valemouth)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from helpers import REPO, bare_site


def ingest(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "build.py"), "ingest", "--root", str(root), *args],
                          capture_output=True, text=True, check=False)


def written(root: Path) -> dict[str, tuple[str, str]]:
    """Return each ingested article's title and the first paragraph of its body, by its original's name."""
    articles = {}
    for path in (root / "content" / "articles").rglob("*.md"):
        _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
        matter = yaml.safe_load(head)
        articles[Path(matter["raw"]).name] = (matter["title"], body.strip().split("\n\n")[0])
    return articles


LONG_LEAD = ("Городской совет вымышленного Тестограда утвердил в среду план реконструкции старой гавани "
             "Северный причал, который предусматривает строительство двух новых пирсов к 2030 году.")
SHORT_LEAD = "Мэр вымышленного Примерска Агата Лесовая открыла в понедельник новый мост через реку Тестовку."
ENGLISH_LEAD = ("The invented harbour board of Valemouth voted on Tuesday to close the old Testpier for two years "
                "of repairs, which the council approved in a vote last month.")


def test_a_lead_without_a_headline_stays_in_the_body_and_its_title_is_cut_at_a_clause(tmp_path: Path) -> None:
    site = bare_site(tmp_path / "site")
    stories = {
        "long.txt": f"{LONG_LEAD}\n\nПервые работы начнутся весной, сообщили в мэрии.\n",
        "short.txt": f"{SHORT_LEAD}\n\nМост длиной 300 метров строили три года.\n",
        "english.txt": f"{ENGLISH_LEAD}\n\nShips will dock at the new quay until the works end.\n",
        # A headline line (no full stop) is the title and no paragraph of the body.
        "headline.txt": ("Тестоград откроет новую гавань\n\nГородской совет Тестограда утвердил план "
                         "новой гавани, сообщили в мэрии.\n"),
    }
    for name, text in stories.items():
        (site / "inbox" / name).write_text(text, encoding="utf-8")
    done = ingest(site, "--date", "2026-03-04")
    assert done.returncode == 0, done.stderr
    articles = written(site)
    assert articles["long.txt"] == ("Городской совет вымышленного Тестограда утвердил в среду план реконструкции "
                                    "старой гавани Северный причал…", LONG_LEAD)
    assert articles["short.txt"] == (SHORT_LEAD.rstrip("."), SHORT_LEAD)
    assert articles["english.txt"] == ("The invented harbour board of Valemouth voted on Tuesday to close the old "
                                       "Testpier for two years of repairs…", ENGLISH_LEAD)
    assert articles["headline.txt"] == ("Тестоград откроет новую гавань", "Городской совет Тестограда утвердил "
                                        "план новой гавани, сообщили в мэрии.")
