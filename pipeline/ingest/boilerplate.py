"""Recognise the paragraphs of a scraped page that are not the article.

Every rule describes a kind of page furniture that publishers share (captions and photo
credits, bylines, recirculation links, newsletter prompts, share and comment widgets,
sponsored-content notices, promotional boxes, FAQ blocks), never the wording of one article:
the same rules have to hold for outlets nobody has looked at yet. Rules work on a whole
paragraph so that a reporting sentence is never cut in half.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache

from pipeline.contract.values import RemovalReason
from pipeline.ingest.datelines import LEAD_MIN_WORDS

_I = re.IGNORECASE

_CAPTION = [
    # "... (Image: Getty Images)", "[Photo: Reuters]"
    re.compile(r"[(\[]\s*(?:image|photo|picture|pic|photograph|illustration|video|credit)s?"
               r"\s*(?:credit)?\s*:[^()\[\]]*[)\]]\s*$", _I),
    # "Photo: AFP", "Credit: Jane Doe/Reuters", "Image credit: ..."
    re.compile(r"^(?:image|photo|picture|pic|photograph|illustration|credit|caption)s?"
               r"\s*(?:credit|caption)?\s*:", _I),
    # "... Photo by Jane Doe/Getty Images", "(AP Photo/Efrem Lukatsky)"
    re.compile(r"(?:getty images|shutterstock|alamy(?: stock photo)?|\bap photo(?:/[^)]*)?|"
               r"\bafp photo|\bepa-efe|\bpa (?:wire|media|images)|reuters/[\w .-]+|"
               r"\bphoto(?:graph)?s? by [^.]{1,60})\s*[)\]]?\s*\.?\s*$", _I),
]
# Lower-case words inside people's names ("Danielle de Wolfe", "Ursula von der Leyen").
_NAME_PARTICLES = r"(?:de|da|di|du|del|della|van|von|der|den|la|le|ter|ten|bin|al|el)"
_BYLINE = [
    # "By Jane Smith", "by Chief Editor", "By Jane Smith and John Doe, Reuters"
    re.compile(r"^(?:(?:[Ww]ritten|[Ww]ords|[Rr]eported)\s+)?[Bb][Yy]\s+(?:(?:Dr|Prof|Sir)\.?\s+)?"
               r"[A-Z][\w.'’-]*\s*(?:(?:[A-Z][\w.'’-]*|" + _NAME_PARTICLES + r")\s*){0,4}"
               r"(?:(?:,|and|&)\s*(?:[A-Z][\w.'’-]*\s*){1,4})*"
               r"(?:[|,–—-]\s*(?:[A-Z][\w.'’&-]*\s*){1,4})?$"),
    re.compile(r"^(?:author|reporter|writer)s?\s*:\s*\S", _I),
    re.compile(r"^(?:additional )?(?:reporting|writing|editing|compiled|translated)\s+by\s", _I),
    # "SOURCE: TRT World & Agencies", "Edited by: Jane", "Photo editor: ..."
    re.compile(r"^(?:sources?|edited by|written by|produced by)\s*:\s*\S.{0,60}$", _I),
    # "by The Kyiv Independent news desk March 18, 2025 8:01 PM 2 min read"
    re.compile(r"^.{0,120}\b\d+\s*min(?:ute)?s?\.?\s+read$", _I),
]
_LINK_PREFIX = re.compile(
    r"^(?:read more|read also|also read|read next|related|related articles?|related stories|"
    r"see also|more on this story|more from [\w .'’-]{1,40}|recommended|watch(?: again)?|listen|"
    r"trending)\s*[:|›»>–—-]", _I)
_RECIRCULATION_HEADING = re.compile(
    r"^(?:you (?:may|might) also (?:like|be interested in)|related(?: articles| stories| news| "
    r"posts| content| reading)?|read more|more stories|more news|most (?:read|popular)|"
    r"recommended(?: for you| stories| articles)?|trending(?: now)?|popular(?: now)?|"
    r"latest news|more from [\w .'’-]{1,40}|see also|also read)\s*:?$", _I)
_CALL_TO_ACTION = [
    re.compile(r"\b(?:subscribe|sign up|signup|register)\b.{0,60}\b(?:newsletters?|updates|"
               r"alerts|briefings?|inbox|our channel|notifications)\b", _I),
    re.compile(r"\bnewsletters?\b.{0,60}\b(?:subscribe|sign up|signup)\b", _I),
    re.compile(r"\b(?:click|tap) here\b", _I),
    re.compile(r"^(?:explore|discover|find out|learn|read) more\b.{0,160}\bhere\s*[.!]?$", _I),
    re.compile(r"^follow (?:us|@\w+)\b.{0,80}$", _I),
    # cookie and privacy consent notices: "By continuing to browse you agree to our use of
    # cookies", "We use cookies to ... Accept"
    re.compile(r"\b(?:use|uses) (?:of )?cookies\b.{0,160}\b(?:privacy|policy|consent|agree|"
               r"accept|settings)\b|\b(?:agree|consent) to (?:our|the) use of cookies\b", _I),
]
_WIDGET = re.compile(
    r"^(?:share(?: this| on| via)?(?: (?:article|story|post|page|facebook|twitter|x|linkedin|"
    r"whatsapp|email))*|tweet|email|print|copy link|save|bookmark|comments?(?: \(\d+\))?|"
    r"\d+ comments?|leave a (?:comment|reply)|post a comment|add a comment|view comments|"
    r"join the (?:conversation|discussion)|advertisement|advert|sponsored|scroll to continue|"
    r"story continues below(?: advertisement)?|continue reading|all rights reserved\.?|"
    r"listen to (?:this )?(?:article|story)|loading(?: audio| video)?(?:\.\.\.|…)?|"
    r"follow(?: this)? topics?|choose your language|"
    r"this is a (?:developing|breaking) (?:story|news story)(?:,| and) (?:it )?(?:is being|will "
    r"be) updated\.?)\s*:?$", _I)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)\s*(?:\d{4})?", _I)
_PROMO = re.compile(
    r"^(?:(?:pro|top|quick|expert|bonus|insider) tip|did you know|fun fact|quick fact)\s*[:?!.–-]",
    _I)
_NOTICE_HEADING = re.compile(
    r"^(?:important notice|disclaimer|disclosure|legal notice|sponsored(?: content| post)?|"
    r"advertorial|paid (?:content|post)|partner content|promoted content)\s*:?$", _I)
_NOTICE_PREFIX = re.compile(
    r"^(?:disclaimer|disclosure|sponsored(?: content)?|advertorial|paid content)\s*:", _I)
# Stock phrases of sponsored-content and legal notices; news reporting may use one of them,
# a notice uses several.
_DISCLAIMER_CUES = [re.compile(p, _I) for p in (
    r"\bthis (?:article|content|post|page|piece) (?:is|was|contains)\b",
    r"\bsponsored (?:content|post|article)\b",
    r"\b(?:does|do) not (?:verify|endorse|guarantee)\b",
    r"\bnot (?:financial|investment|legal) advice\b",
    r"\bdisclaims? (?:all|any) liabilit",
    r"\b(?:do|conduct) (?:your|their) own (?:independent )?research\b",
    r"\binvestments? (?:are|is) (?:speculative|risky|high[- ]risk)\b",
    r"\binformational purposes only\b",
    r"\baffiliate (?:links?|commissions?)\b",
    r"\bviews expressed\b.{0,80}\b(?:do not|don't) (?:necessarily )?reflect\b",
)]
_FAQ_HEADING = re.compile(
    r"^(?:faqs?|frequently asked questions|common questions|people also ask|"
    r"(?:faqs?|frequently asked questions) (?:about|on) .{1,80})\s*:?$", _I)
_QA_LINE = re.compile(r"^(?:q|a|question|answer)\s*\d*\s*[:.)]\s*\S", _I)
_PUBLICATION_LINE = re.compile(
    r"^(?:(?:first )?published|posted|updated|last updated|last modified|date)(?:\s+on)?\b", _I)
# The only words a publication line may hold besides its label: dates, times and time zones.
_DATE_WORDS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december mon tue wed thu fri sat sun monday "
    "tuesday wednesday thursday friday saturday sunday at on and am pm a.m p.m gmt utc bst cet "
    "cest est edt et pt pst pdt msk eet eest st nd rd th t z published updated posted last "
    "modified first date british summer time ago minute minutes hour hours".split())
# A date or a time: what a stamp line must hold ("May 23, 2025 / 9:16 AM").
_STAMP = re.compile(r"\d{1,2}:\d{2}|\b\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}\b|"
                    r"\b[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}\b")
_SENTENCE_END = re.compile(r"[.!?…]['’\"”)]?$")
_MAX_HEADLINE_WORDS = 20
# A box that sums the article up before it starts: "KEY POINTS", "Key takeaways", "AI brief",
# then bullet points that restate what the article reports.
_SUMMARY_HEADING = re.compile(
    r"^(?:key (?:points|takeaways|facts)|takeaways|at a glance|in brief|in short|the brief|"
    r"(?:ai|article) (?:brief|summary)|summary|highlights|what we know|tl;?dr)\s*:?$", _I)
_BULLET = re.compile(r"^\s*(?:[-•*▪●◦–]|\d{1,2}[.)])\s+\S")
_BULLET_MARK = re.compile(r"^\s*(?:[-•*▪●◦–]|\d{1,2}[.)])\s+")
# Photo captions: a position key ("Putin (R3) meets ...", "(left)"), a trailing agency credit
# ("... / Reuters", "... (AFP)"), or a present-tense photo verb with a past date ("Putin
# meets with Gerasimov in Moscow on April 19."), which news reporting never writes.
_POSITION_KEY = re.compile(
    r"\((?:[LRC]\d?|left|right|cent(?:er|re)|front|back|top|bottom|second (?:left|right)|"
    r"from (?:left|right))\)", _I)
AGENCIES = (r"AFP|AP|Reuters|EPA|EPA-EFE|Getty(?: Images)?|Xinhua|TASS|Sputnik|"
             r"Anadolu(?: Agency)?|Bloomberg|Ukrinform|RIA Novosti|UPI|dpa|ANSA|Kyodo|Yonhap|"
             r"Pool|Handout")
_TRAILING_CREDIT = re.compile(
    r"(?:\s/\s*[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,4}|\((?:" + AGENCIES + r")\)\.?|"
    r"\b(?:" + AGENCIES + r")\s*/\s*[A-Z][\w .'’-]{1,40})$")
# A copyright credit with its agency ("© Presidential Press Service/Handout via REUTERS"):
# the end of a caption, also where a scrape ran the caption into the article.
_CREDIT = (r"©\s*(?:\d{4}\s+)?(?:(?-i:[A-Z])[\w'’&-]*\s*/?\s*){1,8}?"
           r"(?:\s*\b(?:via|/)\s*(?:" + AGENCIES + r")\b)+")
INLINE_CREDIT = re.compile(_CREDIT + r"(?=\s+\S)", _I)
_CLOSING_CREDIT = re.compile(_CREDIT + r"\s*$", _I)
_PHOTO_VERB = re.compile(
    r"\b(?:meets|shakes hands|shake hands|speaks|delivers|attends|arrives|gestures|poses|walks|"
    r"listens|looks on|greets|waves|sits|stands|addresses|talk to the press)\b")
_PAST_DATE = re.compile(r"\bon (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
                        r" \d{1,2}\b")
# A sentence that reports ("his office said") or quotes is the article, not a caption.
_REPORTING = re.compile(r"\b(?:said|say|says|told|tells|according|added|stated|announced)\b|[“”\"]")
_CAPTION_LABEL = re.compile(r"^(?:media|image|video|photo)?\s*caption\s*[,:]?$", _I)
# Prompts to subscribe, donate, register or log in, in their many wordings.
_PROMPT = [re.compile(p, _I) for p in (
    r"^(?:subscribe|support|donate to|join|become a (?:member|subscriber|supporter)|"
    r"start (?:your )?(?:free )?(?:trial|account)|create (?:a |your )?(?:free )?account|"
    r"log ?in|sign in)\b.{0,100}$",
    r"\balready (?:a )?(?:subscriber|member)\b",
    r"\b(?:free|premium|digital|complimentary) (?:account|access|subscription|stories|articles)\b"
    r".{0,80}$",
    r"\bget (?:unlimited )?access to\b.{0,60}\b(?:stories|articles|content|journalism)\b",
)]
# A contact line: "Hotline: 010-85061466", "Tel: +44 20 ...".
_CONTACT = re.compile(
    r"^.{0,40}\b(?:hotline|tel(?:ephone)?|phone|fax)\s*[:.]?\s*\+?\d[\d ()-]{5,}$", _I)
# "... summitpublished at 17:49 British Summer Time 15 August": a live page's entry stamp.
_ENTRY_STAMP = re.compile(r"(?:published|posted|updated) at \d{1,2}:\d{2}\b[^.!?]{0,60}$", _I)
# Staff lines under a byline: "Chief North America correspondent in Anchorage".
_STAFF_ROLE = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s+){0,5}(?:correspondent|editor|reporter|columnist|writer|"
    r"bureau chief|contributor)(?:\s+(?:in|at|for|,)\s*[\w .,'’-]{1,40})?$")
_MAX_LABEL_WORDS = 12
_FURNITURE_REPEATS = 3
_MIN_REPEATED_CHARS = 30
_SMALL_WORDS = frozenset("a an and at by de for from in of on or the to vs with".split())



def is_disclaimer(paragraph: str) -> bool:
    """A notice paragraph names itself or piles up the stock phrases of legal disclaimers."""
    if _NOTICE_PREFIX.match(paragraph):
        return True
    return sum(bool(cue.search(paragraph)) for cue in _DISCLAIMER_CUES) >= 2


def is_caption(paragraph: str) -> bool:
    """A photo caption: a position key, a trailing agency credit, or a photo verb in the
    present tense with a date already past."""
    if _CAPTION[0].search(paragraph) or _CAPTION[1].match(paragraph):
        return True
    if _CAPTION_LABEL.match(paragraph) or _POSITION_KEY.search(paragraph):
        return True
    if _TRAILING_CREDIT.search(paragraph.rstrip()) or _CLOSING_CREDIT.search(paragraph):
        return True
    return bool(_PHOTO_VERB.search(paragraph) and _PAST_DATE.search(paragraph)
                and not _REPORTING.search(paragraph) and len(paragraph.split()) <= 60)


def ends_sentence(text: str) -> bool:
    """Whether a text ends as a sentence does (a closing quote or bracket may follow)."""
    return bool(_SENTENCE_END.search(text))


def is_label(paragraph: str) -> bool:
    """A line that only names or labels: a section ("POLITICS"), a list of names or tags
    ("Mark Rutte, Donald Trump"), an author's name, a subheading in title case. Nothing in
    it ends a sentence, and every longer word is capitalised."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", paragraph)
    if not words or len(words) > _MAX_LABEL_WORDS or _SENTENCE_END.search(paragraph):
        return False
    return all(w[0].isupper() for w in words if w.lower() not in _SMALL_WORDS)


@cache
def _single_rules() -> tuple[tuple[RemovalReason, Callable[[str], bool]], ...]:
    """Each kind of furniture that can be recognised from the paragraph alone, by reason."""
    return (
        ("separator", lambda p: not re.search(r"[^\W_]", p)),  # "_", "***"
        ("caption", lambda p: is_caption(p) or bool(
            _CAPTION[2].search(p) and not _SENTENCE_END.search(p.rstrip(")]")))),
        ("byline", lambda p: bool(_STAFF_ROLE.match(p)) or any(r.match(p) for r in _BYLINE)),
        ("prompt", lambda p: any(r.search(p) for r in (*_PROMPT, *_CALL_TO_ACTION))),
        ("contact", lambda p: bool(_CONTACT.match(p))),
        ("timestamp", lambda p: bool(_ENTRY_STAMP.search(p)) or is_publication_line(p)),
        ("other_script", _foreign_script),
        ("link", lambda p: bool(_LINK_PREFIX.match(p))),
        ("widget", lambda p: bool(_WIDGET.match(p))),
        ("promotion", lambda p: bool(_PROMO.match(p))),
        ("copyright", lambda p: bool(_COPYRIGHT.match(p))),
        ("disclaimer", is_disclaimer),
    )


def single_reason(paragraph: str) -> RemovalReason | None:
    """Why a paragraph is furniture on its own, or None when it may be the article."""
    paragraph = _BULLET_MARK.sub("", paragraph, count=1)
    return next((reason for reason, rule in _single_rules() if rule(paragraph)), None)


def _foreign_script(paragraph: str) -> bool:
    """A line mostly in a script without Latin letters in an English text ("互联网新闻信息许可证
    10120180008"): a notice of the site, not of the article."""
    letters = [c for c in paragraph if c.isalpha()]
    return len(letters) >= 4 and sum(c.isascii() or "\u00c0" <= c <= "\u024f"
                                     for c in letters) < len(letters) / 2


def is_publication_line(paragraph: str) -> bool:
    """A standalone "Published 12 March 2025" or "May 23, 2025 / 9:16 AM" line is page
    metadata, not reporting: a label and a date, or a date stamp alone, and nothing but
    date and time words."""
    if not (_PUBLICATION_LINE.match(paragraph) and re.search(r"\d", paragraph)
            or _STAMP.search(paragraph)):
        return False
    words = re.findall(r"[a-z.]+", paragraph.lower())
    return all(w.strip(".") in _DATE_WORDS for w in words if w.strip("."))


def is_headline_like(paragraph: str) -> bool:
    """Recirculation lists are bare headlines: short and without sentence-final punctuation."""
    return (len(paragraph.split()) <= _MAX_HEADLINE_WORDS
            and not _SENTENCE_END.search(paragraph))


def removal_reasons(paragraphs: list[str]) -> list[RemovalReason | None]:
    """Why each paragraph is furniture, or None for the article's paragraphs.

    Blocks are handled here because some furniture is only recognisable from its heading:
    a notice heading takes the disclaimer after it, an FAQ heading the question-and-answer
    pairs after it, and a "You may also like" heading the bare headlines listed under it.
    """
    reasons: list[RemovalReason | None] = [
        single_reason(p) or ("label" if is_label(p) and len(paragraphs) > 1 else None)
        for p in paragraphs]
    _mark_repeated(paragraphs, reasons)
    _mark_summary_box(paragraphs, reasons)
    i = 0
    while i < len(paragraphs):
        para = paragraphs[i]
        if _NOTICE_HEADING.match(para):
            reasons[i] = "disclaimer"
            if i + 1 < len(paragraphs) and is_disclaimer(paragraphs[i + 1]):
                reasons[i + 1] = "disclaimer"
        elif _FAQ_HEADING.match(para):
            reasons[i] = "faq"
            i = _mark_faq(paragraphs, reasons, i + 1)
            continue
        elif _RECIRCULATION_HEADING.match(para):
            reasons[i] = "link"
            i += 1
            while i < len(paragraphs) and is_headline_like(paragraphs[i]):
                reasons[i] = "link"
                i += 1
            continue
        i += 1
    return reasons


def _mark_repeated(paragraphs: list[str], reasons: list[RemovalReason | None]) -> None:
    """A paragraph the page shows three times or more (an image's alt text and caption, a
    widget) is furniture; a pull quote repeats a sentence of the article once."""
    counts = Counter(p.strip() for p in paragraphs)
    for i, para in enumerate(paragraphs):
        if counts[para.strip()] >= _FURNITURE_REPEATS and len(para) > _MIN_REPEATED_CHARS:
            reasons[i] = reasons[i] or "repeated"


def _mark_summary_box(paragraphs: list[str], reasons: list[RemovalReason | None]) -> None:
    """A summary box: bullet points under a summary heading, or bullet points that open the
    text before its first paragraph of reporting (the lead restates them). Bullets after the
    lead, or a text that is bullets throughout, are the article itself."""
    for i, para in enumerate(paragraphs):
        if _SUMMARY_HEADING.match(para):
            reasons[i] = "summary"
            j = i + 1
            while j < len(paragraphs) and _BULLET.match(paragraphs[j]):
                reasons[j] = "summary"
                j += 1
    opening = 0
    while opening < len(paragraphs) and (_BULLET.match(paragraphs[opening]) or reasons[opening]):
        opening += 1
    if opening < len(paragraphs) and len(paragraphs[opening].split()) >= LEAD_MIN_WORDS:
        for i in range(opening):
            reasons[i] = reasons[i] or "summary"


def _mark_faq(paragraphs: list[str], reasons: list[RemovalReason | None], i: int) -> int:
    """Consume Q:/A: lines and question-then-answer pairs; stop at the first other paragraph."""
    while i < len(paragraphs):
        para = paragraphs[i]
        if _QA_LINE.match(para):
            reasons[i] = "faq"
            i += 1
        elif para.endswith("?") and is_headline_like(para.rstrip("?")):
            reasons[i] = "faq"
            if i + 1 < len(paragraphs) and not paragraphs[i + 1].endswith("?"):
                reasons[i + 1] = "faq"
                i += 1
            i += 1
        else:
            break
    return i
