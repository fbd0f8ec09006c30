"""The lexicon of reporting cues: verbs and frames that introduce someone's words.

Attribution hinges on recognising the verb that ties a quotation to its speaker. Lemmas
are kept in one place so the quote-mark path and the indirect-speech path agree on what
counts as reporting, and so the list can grow from the hidden corpus without touching
the parsing logic.
"""

from __future__ import annotations

from spacy.tokens import Token

# Verbs of saying and writing: they introduce both quoted and reported words.
SPEECH_VERBS = frozenset(
    """
    acknowledge add admit advise agree allege announce answer argue ask assert assure
    blast boast brand call caution charge claim comment complain concede conclude confirm
    contend counter criticise criticize declare decry demand deny describe dismiss dub
    emphasise emphasize estimate explain express forecast hint indicate inform insist
    joke label lament maintain mention note object observe plead pledge post predict
    promise propose quip recall recount reiterate remark repeat reply report respond
    retort reveal say scoff signal speak state stress suggest swear tell testify threaten
    tweet underline urge vow warn write accuse characterise characterize continue
    highlight lash mock praise question slam recommend reckon
    """.split()
)

# Texts that "say" on behalf of whoever issued them: "a statement from the ministry said".
DOCUMENT_NOUNS = frozenset(
    """
    analysis assessment bulletin communique complaint data document filing findings letter
    lawsuit memo notice paper post readout release report statement study suit survey tweet
    update website
    """.split()
)

# Verbs of belief: they report a stance in indirect speech, never introduce a quotation.
COGNITION_VERBS = frozenset("believe think feel fear expect hope".split())

# Phrasal cues whose particle belongs to the cue as written ("went on", "pointed out").
PHRASAL_CUES = {("go", "on"), ("point", "out"), ("refer", "to"), ("spell", "out"), ("hit", "out")}

# Lemmas that are cues only with their particle: "go" alone is not reporting.
PHRASAL_ONLY = frozenset(verb for verb, _ in PHRASAL_CUES) - SPEECH_VERBS


def particle(token: Token) -> Token | None:
    """The particle completing a phrasal cue, so "went on" counts and is written whole."""
    for child in token.children:
        adjacent = child.i == token.i + 1
        if adjacent and (token.lemma_.lower(), child.lower_) in PHRASAL_CUES:
            takes_object = any(g.dep_ == "pobj" for g in child.children)
            return None if takes_object and token.lemma_.lower() == "go" else child
    return None


def is_speech_cue(token: Token) -> bool:
    """A verb that can introduce quoted words, in any tense or voice."""
    if (token.pos_ not in {"VERB", "AUX"}
            and token.tag_ not in {"VBD", "VBN", "VBZ", "VBP", "VBG", "VB"}):
        return False
    lemma = token.lemma_.lower()
    if lemma in PHRASAL_ONLY:
        return particle(token) is not None
    return lemma in SPEECH_VERBS


def is_according(token: Token) -> bool:
    """The "according" of "according to", the noun-less cue of reported speech."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.lower_ == "according" and nxt is not None and nxt.lower_ == "to"


def reports_words(token: Token) -> bool:
    """A cue that reports someone's words, a speech verb or "according to", as against a verb
    of belief, which reports a stance."""
    return is_speech_cue(token) or is_according(token)


def is_reporting_cue(token: Token) -> bool:
    """A verb whose clause complement is reported content: speech or belief."""
    return is_speech_cue(token) or (
        token.pos_ == "VERB" and token.lemma_.lower() in COGNITION_VERBS
    )


def cue_text(token: Token) -> tuple[int, int]:
    """Character span of the cue as written, including its particle when phrasal."""
    end_token = particle(token) or token
    return token.idx, end_token.idx + len(end_token.text)
