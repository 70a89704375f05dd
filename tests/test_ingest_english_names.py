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
