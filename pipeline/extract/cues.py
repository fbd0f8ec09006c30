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
    highlight lash mock praise question slam recommend reckon affirm brag clarify condemn
    disclose elaborate exclaim hail imply muse opine posit reaffirm reassure shout
    speculate specify summarise summarize theorise theorize tout whisper yell
    blame denounce echo rebuke
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

# Nouns that carry a claim in a clause of their own ("his claim that", "the announcement
# that", "Moscow's proposal to"), and nouns that carry a stance the same way ("fears that").
CLAIM_NOUNS = frozenset(
    """
    accusation admission allegation announcement argument assertion assurance charge claim
    demand denial insistence message news pledge promise proposal recommendation report
    statement suggestion threat vow warning
    conclusion contention estimate finding forecast prediction rumor rumour
    speculation
    """.split()
)
STANCE_NOUNS = frozenset("belief conviction doubt fear hope view".split())
# Nouns of saying whose preposition introduces what was said: an accusation "of" its charge
# ("allegations of fraud", "his criticism of Kyiv"), talk "about" or "on" its topic ("her
# comments about the talks"). A statement "of" the ministry is its source, not its claim.
NOUN_PREPOSITION_CLAIMS = frozenset(
    [(noun, "of") for noun in
     "accusation allegation charge claim condemnation criticism denial denunciation".split()]
    + [(noun, prep) for prep in ("about", "on") for noun in
       """allegation announcement claim comment complaint criticism question remark
       report statement talk warning""".split()]
)
PREPOSITION_NOUNS = frozenset(noun for noun, _ in NOUN_PREPOSITION_CLAIMS)
# Nouns that report a claim, and those whose clause or topic is reported content at all.
CLAIMING_NOUNS = CLAIM_NOUNS | PREPOSITION_NOUNS
CONTENT_NOUNS = CLAIMING_NOUNS | STANCE_NOUNS

# Verbs by which a source's findings are reported ("the poll shows", "investigators found"):
# what follows is the source's claim, as in indirect speech, though nobody spoke it.
EVIDENCE_VERBS = frozenset("show find prove demonstrate".split())

# Speech verbs whose object is itself the claim ("denied the allegations", "called the plan a
# trap", "accused Kyiv of stalling", "expressed concern"), unlike "added a goal" or "told
# Reuters", whose object is a thing or a listener.
OBJECT_CLAIM_VERBS = frozenset(
    """
    accuse ask blast brand call characterise characterize condemn criticise criticize decry
    demand deny describe dismiss dub express label praise recount say slam urge
    acknowledge admit allege concede confirm forecast highlight lament predict question
    reiterate repeat tout blame denounce echo rebuke
    """.split()
)
# Speech verbs whose claim follows a preposition ("called for a ceasefire", "warned of
# retaliation", "referred to the plan as a trap"), by verb and preposition.
PREPOSITION_CLAIMS = frozenset({
    ("call", "for"), ("call", "on"), ("warn", "of"), ("warn", "about"), ("warn", "against"),
    ("refer", "to"), ("talk", "about"), ("speak", "about"), ("speak", "of"),
    ("complain", "about"), ("comment", "on"), ("boast", "about"), ("joke", "about"),
    ("hint", "at"), ("plead", "for"), ("argue", "for"), ("argue", "against"),
})
# Speech verbs whose infinitive is the claim ("claimed to have won"); a pledge's infinitive
# ("vowed to fight on") is an intention, which news reports as the speaker's act.
INFINITIVE_CLAIMS = frozenset({"claim"})

# Of those, the verbs that claim only with a predicate ("called the plan a trap"); alone,
# their object is whom they reached ("called his former boss").
NAMING_VERBS = frozenset("brand call dub label".split())
# And those whose object alone is whom they blame ("blamed the activists"); the charge
# follows a preposition ("blamed Kyiv for the delay", "accused Moscow of stalling").
ACCUSING_VERBS = frozenset("accuse blame".split())
TARGETING_VERBS = NAMING_VERBS | ACCUSING_VERBS

# Sources whose "show" or "find" reports a finding ("the poll shows Kyiv ahead",
# "investigators found that"), as against anyone else, who shows or finds things.
EVIDENCE_NOUNS = DOCUMENT_NOUNS | frozenset(
    """
    analyst article audit auditor census count disclosure email evidence expert figure
    footage image inquiry inspector interview investigation investigator number photo
    picture poll pollster polling record research researcher result return review
    scientist statistic tally test video
    """.split()
)

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


def is_evidence_verb(token: Token) -> bool:
    """A verb that may report a finding ("shows", "found"), whatever its subject."""
    return token.pos_ == "VERB" and token.lemma_.lower() in EVIDENCE_VERBS


# Quantities that stand for the noun after their "of" ("several of the polls", "one of
# the surveys").
PARTITIVES = frozenset("all any both each few many most none one several some".split())


def reports_evidence(token: Token, subject: Token | None) -> bool:
    """A verb reporting what a poll, record or inquiry found or shows: its content is the
    source's claim. The subject decides: a person who "found it useful" judged."""
    if not is_evidence_verb(token) or subject is None:
        return False
    if subject.lower_ in PARTITIVES:  # "several of the latest polls show"
        subject = next((g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"), subject)
    return bool({subject.lower_, subject.lemma_.lower()} & EVIDENCE_NOUNS)


# Words of the noun phrase that names a source at the end of its sentence ("…, FEC
# records show."), and how many of them it may take.
SOURCE_PHRASE_POS = frozenset("DET ADJ NOUN PROPN NUM PART PUNCT".split())
SOURCE_PHRASE_WORDS = 6


def closing_finding(token: Token) -> tuple[Token, Token] | None:
    """(source, comma) for a finding named last in its sentence ("Kyiv gained ground, new
    polls show."): a verb of evidence right before the sentence's end, a source noun right
    before it, and a comma before that noun's phrase. Read from the words, not the parse,
    which takes such a verb for a noun or for a clause of the sentence before it."""
    doc = token.doc
    if (token.lemma_.lower() not in EVIDENCE_VERBS or token.i < 2
            or token.i + 1 >= len(doc) or doc[token.i + 1].text not in {".", "!", "?"}):
        return None
    source = doc[token.i - 1]
    if not {source.lower_, source.lemma_.lower()} & EVIDENCE_NOUNS:
        return None
    for k in range(token.i - 2, max(token.sent.start, token.i - 2 - SOURCE_PHRASE_WORDS), -1):
        if doc[k].text == ",":
            return source, doc[k]
        if doc[k].pos_ not in SOURCE_PHRASE_POS or doc[k].is_quote:
            return None
    return None


def states_object(token: Token, subject: Token | None) -> bool:
    """A cue whose direct object is the claim it reports: a speech verb of accusing,
    describing, denying or asking, or a finding verb of a poll, record or inquiry."""
    return (token.lemma_.lower() in OBJECT_CLAIM_VERBS and is_speech_cue(token)
            ) or reports_evidence(token, subject)


def is_claim_noun(token: Token) -> bool:
    """A noun whose clause is reported content ("the claim that …", "fears that …")."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in CONTENT_NOUNS


def reports_claim(token: Token) -> bool:
    """A cue of reported content that is someone's claim, said or shown, as against a
    stance: a speech verb, a claim noun, or a verb of evidence (a cue only with a source)."""
    if closing_finding(token) is not None:
        return True  # "…, records show.", whatever the parse made of "show"
    if token.pos_ == "NOUN":
        return token.lemma_.lower() in CLAIMING_NOUNS
    return reports_words(token) or is_evidence_verb(token)


def is_reporting_cue(token: Token) -> bool:
    """A verb whose clause complement is reported content: speech or belief."""
    return is_speech_cue(token) or (
        token.pos_ == "VERB" and token.lemma_.lower() in COGNITION_VERBS
    )


def cue_text(token: Token) -> tuple[int, int]:
    """Character span of the cue as written, including its particle when phrasal."""
    end_token = particle(token) or token
    return token.idx, end_token.idx + len(end_token.text)
