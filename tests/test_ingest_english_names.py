"""English names on real `build.py ingest` runs: who the rules take for a person, and who they do not.

Every story and page here is written for the test: the people, places, firms and outlets are
invented, in the shapes real wires and web pages give them.
"""

from __future__ import annotations

from pathlib import Path

from test_ingest_identity import actors, ingest

WIRE = """Testhaven harbour talks end without a deal

TESTHAVEN, March 3 (Synthetic Wire) - Harbour minister Orla Brindlecombe met Zhou Minqiao and Freddy Vantaris, \
a visitor from the invented port, on Tuesday aboard the aircraft carrier Edwin Sallowmere.

Zhou, a grain trader, said the talks had been useful. Orla told the council that Vantaris would stay until Friday.

Burma-born envoy Thet Zin said the harbour should reopen. Ama Lin Thet Zin landed at Edwin Sallowmere airport \
on Monday.

Shares of Tova Renk Corp rose. Tova Renk said it would build new gates.

A policeman in the town of Quillbury told Synthetic Wire that Pellorin's aides had left. The quay must reopen, \
Vrask said.
"""


def test_a_wire_story_joins_a_name_to_the_full_one_and_takes_no_ship_town_airport_or_firm_for_a_person(
        tmp_path: Path) -> None:
    record = ingest(tmp_path, {"wire.txt": WIRE})[0]
    # "Zhou" (family name first) and "Orla" (a given name) are the full names the story gave;
    # "Thet Zin" ends "Ama Lin Thet Zin"; Vantaris, in -s, is a surname the story uses alone.
    assert actors(record) == ["orla-brindlecombe", "zhou-minqiao", "freddy-vantaris", "ama-lin-thet-zin", "vrask"]
    # One word, once, with no verb of saying: held back; a one-word speaker is not.
    assert record["held"] == ["Pellorin"]


def page(paragraphs: list[str]) -> str:
    """Return a saved article page: JSON-LD names its author, the body holds the given paragraphs."""
    data = ('{"@type": "NewsArticle", "headline": "Testhaven reopens its invented harbour", '
            '"author": {"@type": "Person", "name": "Dana Sample"}}')
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Testhaven reopens its invented "
            f"harbour - Synthetic News</title><script type='application/ld+json'>{data}</script></head><body>"
            f"<article><h1>Testhaven reopens its invented harbour</h1>{body}</article></body></html>")


PAGE = page([
    "The invented council of Testhaven voted on Tuesday to reopen the northern harbour to barges, "
    "Administrator Bellwick said after the vote in the town hall.",
    "The rowing crews had waited for weeks at the quay, Gulls Vellamy said of the harbour team.",
    "Ed Samplar194 shares of the harbour company changed hands, traders in Sampleford said on Tuesday.",
    "Crowds watched Jupiter's moons from the quay while Apple's new MacBook Pro sold out in the shops.",
    "North Dakota's grain barges and the Sheriff's boats will be the first to sail, the council said.",
    "The nets were full again at dawn, Fisherman told the invented council.",
    "A barge leaves the invented quay on Tuesday. (AP Photo/Rolf Samplequist)",
    "Leonhard Examplar/Nordwire",
    "Patrick Samplesky",
    "Barge crews, who had waited for weeks at the synthetic quay, welcomed the decision with horns.",
    "Associated Press writers Mira Quell, Tobin Sark and Ula Venn contributed to this report.",
    "Phil Examplar is a reporter for Synthetic News.",
])


def test_a_page_gives_no_glued_fused_or_common_word_names_and_its_credits_go_to_the_byline(tmp_path: Path) -> None:
    record = ingest(tmp_path, {"page.html": PAGE})[0]
    fm = record["front_matter"]
    # "Administrator" is a title, "Gulls" a team: neither is fused to the name after it.
    assert actors(record) == ["bellwick", "vellamy"]
    # Planets, firms, products, places and common nouns are nobody, not even held back.
    assert record["held"] == []
    assert fm["byline"] == "Dana Sample; Mira Quell; Tobin Sark; Ula Venn; Phil Examplar"
    body = (tmp_path / record["path"]).read_text(encoding="utf-8").split("---\n", 2)[2]
    assert "Samplesky" not in body and "Examplar/Nordwire" not in body and "contributed" not in body


WIRE_CREDITS = """Testhaven barges sail again

Mira Quellbrook

TESTHAVEN, March 3 (Synthetic Wire) - Barges left the invented quay of Testhaven on Tuesday, harbour master \
Ivo Sandercombe said.

Nordwire writers Tobin Sarkley and Ula Vennick contributed to this report.

-- Jo Samplewick, Testhaven Newsroom +00 000 0000
"""


def test_a_wires_byline_line_contributors_and_sign_off_are_credits_not_actors(tmp_path: Path) -> None:
    record = ingest(tmp_path, {"wire.txt": WIRE_CREDITS})[0]
    assert actors(record) == ["ivo-sandercombe"] and record["held"] == []
    assert record["front_matter"]["byline"] == ("Mira Quellbrook; -- Jo Samplewick, Testhaven Newsroom +00 000 0000; "
                                                "Tobin Sarkley; Ula Vennick")
