"""Saved pages and e-mails in the shapes real sites give them: the story's title, byline,
caption and body come out without the site's name, publishers, menus, cards or link lists.
Every page here is written for the test; the people, places and outlets are invented."""

from __future__ import annotations

import email.policy
import json
from email.message import EmailMessage

import pytest

from dossier.ingest.sources import SourceError, read_source

SENTENCES = [
    "The invented council of Testhaven voted on Tuesday to reopen the northern harbour to barges.",
    "Harbour master Mira Ostrelle said the locks had been inspected twice since the flood in spring.",
    "Barge crews, who had waited for weeks at the synthetic quay, welcomed the decision with horns.",
    "The council will review the fees it charges each barge at its next meeting in the town hall.",
    "Traders in Sampleford said prices of grain had risen while the river was closed to traffic.",
    "A report by the invented auditors found that the old harbour office had kept poor records.",
    "Ostrelle told the council that new gates would be fitted before the autumn storms arrive.",
    "Residents of the quay asked for a footbridge so that children could reach the school safely.",
]


def paragraphs(count: int, offset: int = 0) -> list[str]:
    return [f"{SENTENCES[(offset + i) % len(SENTENCES)]} (Paragraph {offset + i + 1} of the invented story.)"
            for i in range(count)]


def page(head: str, body: str) -> bytes:
    return f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>".encode()


def article(texts: list[str], headline: str = "Testhaven reopens its invented harbour") -> str:
    heading = f"<h1>{headline}</h1>" if headline else ""
    return f"<article>{heading}" + "".join(f"<p>{t}</p>" for t in texts) + "</article>"


def ld(data: dict) -> str:
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


# --- titles ---

@pytest.mark.parametrize("head, heading", [
    ("<title>Testhaven reopens its invented harbour - 9to5Sample</title>"
     "<meta property='og:title' content='Testhaven reopens its invented harbour - 9to5Sample'>"
     "<link rel='canonical' href='https://9to5sample.example/2019/11/20/harbour/'>", ""),
    ("<title>Testhaven reopens its invented harbour | Sample Bawaba</title>"
     + ld({"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Sample Bawaba"}}), "Harbours"),
    ("<title>Testhaven reopens its invented harbour - The Sample Blog</title>"
     "<meta property='og:site_name' content='The Sample Blog'>", "Harbours"),
])
def test_a_title_loses_the_sites_name(head: str, heading: str) -> None:
    # The article has no heading, or only its section's: the title is what names the story.
    assert read_source(page(head, article(paragraphs(6), headline=heading)), "page.html").headline == \
        "Testhaven reopens its invented harbour"


def test_a_page_titled_with_the_sites_name_alone_takes_its_headline() -> None:
    head = ("<title>테스트 일보</title><meta property='og:title' content='테스트 일보'>"
            "<meta property='og:site_name' content='테스트 일보'>")
    body = article([("테스트랜드 의회는 화요일 가상의 북쪽 항구를 다시 열기로 결정했다고 밝혔다. " * 5).strip()] * 3,
                   headline="테스트랜드 의회, 가상 항구 재개장 결정")
    assert read_source(page(head, body), "page.html").headline == "테스트랜드 의회, 가상 항구 재개장 결정"


def test_a_json_ld_headline_that_is_a_description_gives_way_to_the_heading_the_title_agrees_with() -> None:
    head = ("<title>Exampleton - Samplepedia</title><meta property='og:site_name' content='Samplepedia'>"
            + ld({"@type": "Article", "headline": "invented harbour town in Testland"}))
    body = article(paragraphs(6), headline="Exampleton")
    assert read_source(page(head, body), "page.html").headline == "Exampleton"


# --- bylines ---

@pytest.mark.parametrize("head, shown, byline", [
    (ld({"@type": "NewsArticle", "headline": "Testhaven reopens its invented harbour",
         "author": [{"@type": "Organization", "name": "Sample Nast"}, {"@type": "Person", "name": "Louise Examplar"}]}),
     "", "Louise Examplar"),
    ("<meta name='author' content='NORTHWIND POST STAFF NOVEMBER 20, 2019'>", "", ""),
    ("", "<div class='byline'>Carrie Sample November 20, 2019</div>", "Carrie Sample"),
    ("", "<span class='author'><a rel='author' href='/author/rmb'>Rmb</a></span>", ""),
    ("", "<p class='author'>Phil Example is a reporter for Synthetic News.</p>", "Phil Example"),
])
def test_a_byline_names_people_only(head: str, shown: str, byline: str) -> None:
    story = read_source(page(head, shown + article(paragraphs(6))), "page.html")
    assert story.byline == byline


# --- bodies ---

def test_hover_cards_are_not_glued_into_names() -> None:
    card = ("<span class='hovercard'><span>Kristi Lynn Sample</span><span>South Testland governor</span>"
            "<a href='/people/kristi-sample'>Follow</a></span>")
    lead = f"Gov. <a href='/people/kristi-sample'>Kristi Sample</a>{card} said on Tuesday the harbour would reopen."
    story = read_source(page("", article([lead, *paragraphs(5)])), "page.html")
    assert story.paragraphs[0] == "Gov. Kristi Sample said on Tuesday the harbour would reopen."


def test_a_block_of_related_links_is_not_the_opening() -> None:
    related = "<div class='a-content'>" + "".join(
        f"<p><strong>READ MORE:</strong> <a href='/news/{n}'>Another invented story about the harbour and its "
        f"barges, number {n}</a></p>" for n in range(3)) + "</div>"
    body = "<article><h1>Testhaven reopens its invented harbour</h1><div class='article-body'>" + related + "".join(
        f"<p>{t}</p>" for t in paragraphs(6)) + "</div></article>"
    story = read_source(page("", body), "page.html")
    assert story.paragraphs[0] == paragraphs(1)[0]
    assert not any("Another invented story" in p for p in story.paragraphs)


def test_a_story_whose_rest_the_saved_page_hides_is_read_to_its_end() -> None:
    # The page shows the first paragraphs and hides the rest until its script runs.
    body = ("<main><article><h1>Testhaven reopens its invented harbour</h1>"
            "<div class='body__inner-container'>" + "".join(f"<p>{t}</p>" for t in paragraphs(5)) + "</div>"
            "<div class='body__inner-container' style='display:none'>"
            + "".join(f"<p>{t}</p>" for t in paragraphs(11, 5)) + "</div></article></main>")
    story = read_source(page("", body), "page.html")
    assert [p for p in story.paragraphs if "(Paragraph" in p] == paragraphs(16)


def test_an_article_laid_out_in_a_table_is_read_not_refused() -> None:
    cells = "".join(f"{t}<br><br>" for t in paragraphs(24))
    body = ("<table width='100%'><tr><td class='nav'><a href='/'>Home</a><br><a href='/archive'>Archive</a></td>"
            f"<td><h1>Testhaven reopens its invented harbour</h1><p class='byline'>by Dana Sample</p>{cells}</td>"
            "</tr></table>")
    story = read_source(page("<title>The Sample Review: Testhaven reopens its invented harbour</title>", body),
                        "page.html")
    assert sum("(Paragraph" in p for p in story.paragraphs) >= 20


# --- captions ---

def test_a_caption_is_short_text_never_the_pages_menu_or_its_data() -> None:
    menu = "<nav><ul>" + "".join(f"<li><a href='/s/{n}'>Section {n}</a></li>" for n in range(40)) + "</ul></nav>"
    data = ld({"@type": "NewsArticle", "headline": "Testhaven reopens its invented harbour",
               "description": "x" * 5000})
    figure = ("<figure><img src='/img/harbour.jpg'><figcaption>Barges wait at the invented quay. "
              "<span class='credit'>Photo: Jo Sample</span></figcaption></figure>")
    body = f"<div class='has-captions'>{menu}{data}{figure}{article(paragraphs(6))}</div>"
    image = read_source(page("", body), "page.html").image
    assert image is not None
    assert (image.caption, image.credit) == ("Barges wait at the invented quay.", "Jo Sample")


# --- e-mail ---

def test_an_emails_credits_are_its_byline_and_desk_flags_leave_its_subject() -> None:
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = "ALERT: Testhaven reopens its invented harbour"
    message["From"] = "Nordwire Desk <desk@nordwire.example>"
    message["Date"] = "Wed, 20 Nov 2019 10:02:00 +0000"
    message.set_content("TESTHAVEN, Nov 20 (Nordwire) - " + "\n\n".join(paragraphs(3))
                        + "\n\n(Reporting by Ana Quill; Editing by Tom Farrow)\n")
    story = read_source(message.as_bytes(), "alert.eml")
    assert story.headline == "Testhaven reopens its invented harbour"
    assert story.byline == "Reporting by Ana Quill; Editing by Tom Farrow"


def test_a_page_with_no_article_is_still_refused() -> None:
    with pytest.raises(SourceError):
        read_source(page("<title>Harbour Gazette</title>", "<nav><a href='/'>Home</a></nav><p>Sign in.</p>"),
                    "page.html")
