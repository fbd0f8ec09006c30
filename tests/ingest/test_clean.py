"""Cleaning keeps every reporting sentence verbatim and drops page furniture."""

import re

import pytest

from pipeline.ingest import clean_text

BODY = [
    "Sir Keir Starmer has been humiliated by Donald Trump once more as his European "
    "‘coalition of the willing’ has been yet again frozen out of US-hosted peace talks "
    "between Russia and Ukraine.",
    "He told the Express: “Russia’s appalling attack four years ago was an attack on a "
    "European nation.",
    "“But now instead of being at these crucial talks, the European NATO nations will be "
    "outside.”",
]


def _clean(*paragraphs: str, sep: str = "\n") -> str:
    return clean_text(sep.join(paragraphs)).text


@pytest.mark.parametrize("furniture", [
    "Donald Trump shakes hands with Vladimir Putin in Alaska (Image: AFP via Getty Images)",
    "Negotiators arrive in Geneva [Photo: Reuters]",
    "Photo: Efrem Lukatsky/AP",
    "Delegates pose before the talks. Photograph by Jane Doe/Getty Images",
    "by Chief Editor",
    "By Jane Smith and Tom Brown, Reuters",
    "Reporting by Olena Harmash; Editing by Mark Heinrich",
    "Read More: Markets steady as talks continue",
    "Related: How the ceasefire talks collapsed",
    "Subscribe to our newsletter for the latest updates on the war.",
    "Sign up for our daily briefing newsletter here",
    "Share this article",
    "Leave a Comment",
    "Advertisement",
    "Pro Tip: Watch the currency markets for early signs of a deal.",
    "Did you know? The first talks took place in Istanbul in 2022.",
    "Published 12 March 2025 | Updated 13 March 2025",
    "© 2025 Example Media Ltd",
    "Disclaimer: This article is for informational purposes only and is not financial advice.",
    "April 2, 2025 / 6:05 PM",
    "3 June 2025, 08:10 | Updated: 3 June 2025, 09:45",
    "posted at 14:02 British Summer Time 4 July",
    "9 Jan, 2026 11:20 / Updated 12 minutes ago",
    "October 14, 2025",
    "By Anna de Vries",
    "by the Example Daily world desk June 3, 2025 4 min read",
    "Listen to this article",
    "Loading audio...",
    "Watch again: Analysts on the week of talks",
    "Follow topic:",
    "Share:",
    "Choose your language",
    "SOURCE: Example Wire & Agencies",
    "Edited by: Night Desk",
    "This is a developing story and will be updated.",
    "By continuing to browse this site you agree to our use of cookies and our Privacy Policy.",
    # captions: a position key, a trailing credit, a present-tense photo verb with a past date
    "Foreign ministers Jane Roe (L) and John Doe talk before the session in Vienna.",
    "The delegations at the start of the second round. Anna Petrenko / Example Wire",
    "Envoys stand outside the palace in Geneva on March 4, 2025. (AFP)",
    "The Finnish president greets the envoy at the airport on Oct. 9.",
    "Image caption,",
    # prompts in other wordings than a newsletter's
    "Become a member today and read without limits.",
    "Already a member? Log in to keep reading.",
    "Get unlimited access to our award-winning journalism for just $1.",
    # labels: a section, a list of tags, an author's name and role, a subheading
    "WORLD",
    "Jane Roe, John Doe",
    "Anna Petrenko",
    "Senior Europe correspondent in Brussels",
    "Negotiators Report Progress on Grain Corridor",
    # separators, contact lines, live-page entry stamps, bulleted widgets, other scripts
    "* * *",
    "News desk hotline: 044 123 45 67",
    "2. Envoys arrive in Istanbul for the third roundposted at 09:12 Central European Time 3 May",
    "- Share:",
    "新闻热线 12345678",
])
def test_furniture_lines_are_removed(furniture):
    text = _clean(BODY[0], furniture, BODY[1])
    assert furniture not in text
    assert BODY[0] in text and BODY[1] in text


@pytest.mark.parametrize("reporting", [
    "By Monday, Russian troops had withdrawn from the village, officials said.",
    "Share prices in Moscow fell sharply after the announcement.",
    "Updated figures show 12 people died in the strike on Kharkiv in March.",
    "Officials said the plan was highly risky and could expose Kyiv to legal liability.",
    "Q: Will you meet Putin? A: Only when the time is right, Zelensky said.",
    "Ukraine’s delegation will again be led by Rustem Umerov, Ukraine’s National Security "
    "and Defence Council chief.",
    "March 3, 2022 – Second round of talks in Belarus",
    "Sources say the talks will resume on June 3, 2025.",
    "Zelensky speaks with Macron on April 3, his office said.",
    "Talks Resume.",
    "By Tuesday afternoon the delegations had left Geneva.",
])
def test_reporting_that_resembles_furniture_is_kept(reporting):
    assert reporting in _clean(BODY[0], reporting)


def test_notice_heading_takes_its_disclaimer_but_not_the_next_paragraph():
    disclaimer = ("This article is sponsored content. The publisher does not verify or endorse "
                  "the claims made. Readers should conduct their own independent research.")
    text = _clean(BODY[0], "IMPORTANT NOTICE", disclaimer, BODY[1], sep="\n\n")
    assert "IMPORTANT NOTICE" not in text and disclaimer not in text
    assert BODY[1] in text


def test_faq_block_is_removed_up_to_the_next_article_paragraph():
    faq = ["FAQ", "Q: Will Europe be excluded?", "A: Its role remains uncertain.",
           "Q: Is there a deadline?", "A: None has been announced."]
    text = _clean(BODY[0], *faq, BODY[2], sep="\n\n")
    assert all(line not in text for line in faq)
    assert BODY[0] in text and BODY[2] in text


def test_question_headings_under_a_faq_heading_take_their_answers():
    faq = ["Frequently asked questions", "Who is leading the talks?",
           "Rustem Umerov leads the Ukrainian delegation."]
    text = _clean(BODY[0], *faq, BODY[1], sep="\n\n")
    assert all(line not in text for line in faq) and BODY[1] in text


def test_recirculation_heading_takes_the_headlines_listed_under_it():
    text = _clean(BODY[0], "You may also like", "Markets rally on hopes of peace",
                  "Ten things to know about the summit", sep="\n\n")
    assert text == BODY[0]


def test_each_line_is_a_paragraph_separated_by_a_blank_line():
    assert _clean(*BODY) == "\n\n".join(BODY)


def test_hard_wrapped_paragraphs_are_joined_with_spaces():
    wrapped = ("Negotiators from both sides met in Geneva on Tuesday\n"
               "for a third round of talks, which officials described as\n"
               "constructive but inconclusive.\n\nA fourth round is planned.")
    assert clean_text(wrapped).text == (
        "Negotiators from both sides met in Geneva on Tuesday for a third round of talks, "
        "which officials described as constructive but inconclusive.\n\nA fourth round is "
        "planned.")


def test_whitespace_is_normalised_and_characters_kept():
    raw = "  The\u00a0Kremlin   said\t“no”\u200b today.  \r\n\r\n\r\n Talks — resumed.  "
    assert clean_text(raw).text == "The Kremlin said “no” today.\n\nTalks — resumed."


def test_mojibake_is_repaired_without_straightening_curly_quotes():
    raw = "Trumpâ€™s team called it â€œbizarreâ€\x9d, officials said."
    assert clean_text(raw).text == "Trump’s team called it “bizarre”, officials said."


def test_text_is_nfc_normalised():
    assert clean_text("Gene\u0300ve talks resumed.").text == "Genève talks resumed."


def test_clean_offsets_map_back_to_the_raw_text():
    raw = ("Headline\nby Chief Editor\n\n  Trumpâ€™s envoy   met Putin.\n"
           "Leaders met (Image: Getty Images)\nZelensky\u00a0said “no”.")
    cleaned = clean_text(raw, start=raw.index("\n"))
    assert cleaned.text == "Trump’s envoy met Putin.\n\nZelensky said “no”."
    for word in ("envoy", "Putin", "Zelensky", "“no”"):
        at = cleaned.text.index(word)
        raw_at = cleaned.to_raw(at)
        assert raw[raw_at:raw_at + len(word)] == word
    assert raw[cleaned.to_raw(0):].startswith("Trump")


def test_anchor_map_stays_compact():
    raw = "\n".join(f"Paragraph {i} of the report says talks went on." for i in range(200))
    cleaned = clean_text(raw)
    assert len(cleaned.anchors) <= 200
    assert all(re.fullmatch(r"Paragraph \d+ of the report says talks went on\.", p)
               for p in cleaned.text.split("\n\n"))


def test_removed_paragraphs_are_reported_with_their_raw_offsets_and_reason():
    raw = "Talks resumed on Monday.\nPhoto: Jane Doe/Example Wire\n  Share  this   article"
    cleaned = clean_text(raw)
    assert [(r.text, r.reason, raw[r.raw_start:r.raw_end]) for r in cleaned.removed] == [
        ("Photo: Jane Doe/Example Wire", "caption", "Photo: Jane Doe/Example Wire"),
        ("Share this article", "widget", "Share  this   article")]


def test_a_summary_box_of_bullets_before_the_lead_is_removed_but_bullets_after_it_kept():
    box = ["Key points", "- Envoys met in Geneva to discuss the ceasefire.",
           "- The Kremlin said it would study the proposal."]
    listed = "- The delegations agreed to exchange prisoners next week."
    text = _clean(*box, BODY[0], listed, BODY[1])
    assert "Key points" not in text and "Envoys met in Geneva" not in text
    assert BODY[0] in text and listed in text
    untitled = _clean(*box[1:], BODY[0])
    assert "Envoys met in Geneva" not in untitled and BODY[0] in untitled
    only_bullets = _clean(*box[1:], listed)
    assert "Envoys met in Geneva" in only_bullets


def test_a_paragraph_shown_three_times_is_furniture_but_a_pull_quote_is_not():
    alt = "A delegate in a dark suit stands at a lectern in front of two flags."
    text = _clean(BODY[0], alt, BODY[1], alt, BODY[2], alt)
    assert alt not in text and all(b in text for b in BODY)
    text = _clean(BODY[0], BODY[1], BODY[2], BODY[1])
    assert text.count(BODY[1]) == 2


def test_a_caption_run_into_the_article_ends_at_its_credit():
    raw = ("Putin greets Witkoff in Moscow, April 11, 2025. © Sputnik/Kremlin Pool via REUTERS "
           "The envoy said on Friday that the talks had been useful.\n\n"
           "The photo was © 2025 by the family and was sent via AP to the paper.")
    cleaned = clean_text(raw)
    assert cleaned.text == ("The envoy said on Friday that the talks had been useful.\n\n"
                            "The photo was © 2025 by the family and was sent via AP to the paper.")
    [caption] = cleaned.removed
    assert caption.reason == "caption"
    assert raw[caption.raw_start:caption.raw_end].endswith("via REUTERS")
    at = cleaned.text.index("envoy")
    assert raw[cleaned.to_raw(at):].startswith("envoy said")
