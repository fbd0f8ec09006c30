"""Who takes part in an event, and as what: source, target, mediator or participant.

Actors come only from the actor extractor's mentions (and country adjectives for countries
the document names), found in the trigger's phrase and in the subject of the clause the
trigger belongs to. Mentions inside a clause embedded under the trigger count only as that
clause's subject or object: in "asked Putin to refrain from striking Kyiv" Kyiv is not a party
to the request.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from pipeline.contract.values import EventRole
from pipeline.extract.cues import is_speech_cue
from pipeline.extract.event_syntax import bound_verb, staged, subject
from pipeline.extract.records import Actor, EventActor, Mention
from pipeline.extract.registry import load_registry
from pipeline.extract.syntax import inside, is_verb, lemma, within

ROLE_PRIORITY = ("lead", "host", "source", "target", "mediator", "participant")
MEDIATION_LEMMAS = {"broker", "mediate", "facilitate", "sponsor"}
# Triggers whose actor is the mediator: "Turkey mediated", "Qatar's mediation".
MEDIATION_TRIGGERS = MEDIATION_LEMMAS | {"mediation"}
HOST_LEMMAS = {"host"}
# "the delegation, led by Umerov", "a team headed by Witkoff"
LEAD_LEMMAS = {"lead", "head", "chair"}
# Verbs whose object takes part in the event that is their subject: "the talks involved".
PARTY_VERB_LEMMAS = {"involve", "include", "attend", "bring", "gather", "feature", "unite",
                     "see", "join", "draw", "assemble", "pit"}
SOURCE_PREPS = {"by", "from"}
# What one side puts to another: the side it comes "from" is the target of its answer.
PROPOSAL_NOUNS = {"call", "offer", "appeal", "demand", "request", "invitation", "proposal",
                  "plea", "ultimatum", "bid", "initiative", "suggestion"}
PARTICIPANT_PREPS = {"between", "among", "with", "alongside"}
TARGET_PREPS = {"on", "against", "at", "to", "of", "into", "over", "toward", "towards", "for"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
BODY_PRONOUNS = {"it"}
PRONOUNS = PERSON_PRONOUNS | BODY_PRONOUNS
CLAUSE_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "dative", "attr", "agent"}
# What a meeting is about is not who meets: "a summit on Ukraine", "talks regarding Crimea".
TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning"}
TOPICAL_TYPES = {"CONSULT"}
# Events whose content clause names whom they address: "demanded that the US cancel the
# sale", "warned that Moscow would pay".
ADDRESSING_TYPES = {"REQUEST", "THREATEN"}
CONTENT_CLAUSES = {"ccomp", "xcomp"}
# Events whose "to" clause says what would be done to whom: "threatened to cut ties with",
# "offered to hand them over to Britain", "refused to lift the curfew on the villages".
COMMITTING_TYPES = {"THREATEN", "AGREE", "REJECT", "REQUEST"}
# Words an act's recipient is reached through, from the act's verb down.
ACT_PATH_DEPS = {"pobj", "dobj", "prep", "conj", "compound", "poss", "appos", "dative", "xcomp"}
# Attacks, and the verbs by which an attack noun harms its target: "the bombing killed".
VIOLENT_TYPES = {"ASSAULT"}
HARM_LEMMAS = {"kill", "wound", "injure", "hit", "damage", "destroy", "target", "strike"}
# Events whose "from" names whom or where they leave: "withdrew its troops from Lebanon".
WITHDRAWING_TYPES = {"RETREAT"}
# Events named after where they hold: a country in or before a ceasefire is its place.
PLACED_TYPES = {"CONCEDE"}

Roots = list[tuple[Token, Mention]]


def path_role(token: Token, trigger: Token) -> EventRole | None:
    """The role of a token in the trigger's subtree, read off its path to the trigger. Who
    acts in a mediation ("Turkey mediated", "Qatar's mediation") is its mediator."""
    role = _role_on_path(token, trigger)
    return "mediator" if role == "source" and lemma(trigger) in MEDIATION_TRIGGERS else role


def _role_on_path(token: Token, trigger: Token) -> EventRole | None:
    if token == trigger:
        return None
    path = [token, *[a for a in token.ancestors if a != trigger and inside(a, trigger)]]
    if any(lemma(t) in HOST_LEMMAS for t in path[1:]):
        return "host"
    if any(lemma(t) in MEDIATION_LEMMAS for t in path[1:]):
        return "mediator"
    preps = [t.lower_ for t in path if t.dep_ in {"prep", "agent"}]
    if any(p in PARTICIPANT_PREPS for p in preps):
        return "participant"
    top = path[-1]
    if top.dep_ == "dobj" and lemma(top) in PROPOSAL_NOUNS and preps and \
            preps[-1] in SOURCE_PREPS:
        return "target"  # "rejected calls by Belarus": whose calls are rejected
    if top.dep_ == "agent" or (preps and preps[-1] in SOURCE_PREPS):
        return "source"
    if top.dep_ == "nsubjpass":
        return "target"
    if top.dep_ in {"nsubj", "poss", "compound", "amod", "nmod", "npadvmod"}:
        return "source"
    if top.dep_ in {"dobj", "dative", "attr", "oprd", "iobj"}:
        return "target"
    if preps and preps[-1] in TARGET_PREPS:
        return "target"
    return "participant"


def _direct(token: Token, trigger: Token) -> bool:
    """Whether a token below the trigger belongs to the trigger's own clause, or is the
    subject or object of the first clause embedded under it. Participles used as adjectives
    ("US-hosted talks") do not embed a clause."""
    clause = None
    for ancestor in [token, *token.ancestors]:
        if ancestor == trigger:
            break
        if ancestor != token and is_verb(ancestor) and ancestor.dep_ not in {"amod", "compound"}:
            clause = ancestor
    if clause is None:
        return True
    if clause.dep_ in {"relcl", "advcl"} and any(
            c.lower_ in {"where", "when"} for c in clause.children):
        return False  # "the conference, where Rubio accused ...": what else happened there
    if clause.dep_ == "relcl" and is_speech_cue(clause):
        return False  # "a strike, which Zelensky called a violation": a comment on it
    argument = token
    while argument.dep_ in {"conj", "appos", "compound"} and argument.head != clause:
        argument = argument.head
    if argument.dep_ == "pobj" and argument.head.dep_ == "agent":
        argument = argument.head
    return argument.head == clause and argument.dep_ in CLAUSE_ARGUMENTS


def mention_roots(doc: Doc, mentions: list[Mention]) -> Roots:
    roots = []
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and len(span):
            roots.append((span.root, mention))
    return roots


def _pronoun_antecedent(pronoun: Token, mentions: list[Mention]) -> Mention | None:
    """The person a "he"/"she" most likely refers to: the last person mentioned before it
    ("Starmer declared that he was prepared"); the country or body an "it" refers to, when
    its own sentence has one before it as a clause's subject or object ("Syria says it is
    willing"; "Russia holds a fifth of Ukraine's land, including Crimea, which it annexed":
    a possessor is no antecedent)."""
    if pronoun.lower_ in BODY_PRONOUNS:
        earlier = [m for m in mentions if pronoun.sent.start_char <= m.start
                   and m.end <= pronoun.idx and m.actor.type != "PERSON"
                   and _is_argument(pronoun.doc, m)]
    else:
        earlier = [m for m in mentions if m.end <= pronoun.idx and m.actor.type == "PERSON"]
    return max(earlier, key=lambda m: m.start) if earlier else None


def _is_argument(doc: Doc, mention: Mention) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in CLAUSE_ARGUMENTS


def add(roles: dict[Actor, EventRole], actor: Actor, role: EventRole) -> None:
    current = roles.get(actor)
    if current is None or ROLE_PRIORITY.index(role) < ROLE_PRIORITY.index(current):
        roles[actor] = role


def phrase_actors(head: Token, roots: Roots, mentions: list[Mention]) -> list[Actor]:
    """The actors a noun phrase names: its mentions (not a possessor describing another
    one), or the person a bare "he"/"she" stands for."""
    first, last = head.left_edge.i, head.right_edge.i  # a projective parse: the subtree's span
    inner = [(root, mention) for root, mention in roots if first <= root.i <= last]
    if not inner and head.lower_ in PRONOUNS:
        antecedent = _pronoun_antecedent(head, mentions)
        return [antecedent.actor] if antecedent else []
    return [mention.actor for root, mention in inner if not _possessor_of_other(root, roots)]


def _possessor_of_other(root: Token, roots: Roots) -> bool:
    """"Trump's special envoy Steve Witkoff", "Trump's envoys, Witkoff and Kushner": the
    possessor describes the actor, it is not one itself."""
    if root.dep_ != "poss":
        return False
    owner = root.head
    return any(r != root and (r == owner or owner.head == r and owner.dep_ in {"compound", "appos"}
                              or r.head == owner and r.dep_ in {"appos", "conj"})
               for r, _ in roots)


def _clause_subject_actors(trigger: Token, sent: Span, roots: Roots, mentions: list[Mention],
                           roles: dict[Actor, EventRole]) -> None:
    """The subject of the verb the trigger is, or is an argument of ("Russia launched an
    invasion", "Starmer will participate in a summit"), or of the verb an adjective trigger
    completes ("Norway is willing to send material")."""
    verb = trigger if trigger.pos_ == "VERB" else trigger.head if trigger.dep_ == "acomp" \
        else bound_verb(trigger)[0]
    if verb is None:
        return
    found = subject(verb)
    if not found or not within(found[0], sent) or inside(trigger, found[0]):
        return
    head, passive = found
    hosting = trigger.pos_ != "VERB" and lemma(verb) in HOST_LEMMAS and not passive
    mediating = not passive and (lemma(trigger) in MEDIATION_TRIGGERS
                                   or trigger.pos_ != "VERB" and lemma(verb) in MEDIATION_LEMMAS)
    for actor in phrase_actors(head, roots, mentions):
        add(roles, actor, "host" if hosting else "mediator" if mediating
            else "target" if passive else "source")


def _verb_arguments(trigger: Token, roots: Roots, roles: dict[Actor, EventRole]) -> None:
    """A noun event that is the subject of a verb of taking part has the verb's object or
    agent as a party: "previous discussions were attended by Kushner", "past talks involved
    Witkoff"; but what "the meeting followed" is another event."""
    verb, core = bound_verb(trigger) if trigger.pos_ != "VERB" else (None, False)
    if (verb is None or not core or trigger.dep_ not in {"nsubj", "nsubjpass"}
            or lemma(verb) not in PARTY_VERB_LEMMAS | HOST_LEMMAS | MEDIATION_LEMMAS):
        return
    role: EventRole = ("host" if lemma(verb) in HOST_LEMMAS else
            "mediator" if lemma(verb) in MEDIATION_LEMMAS else "participant")
    for child in verb.children:
        if child.dep_ not in {"dobj", "agent"}:
            continue
        for root, mention in roots:
            if inside(root, child) and _direct(root, verb) and not _possessor_of_other(root, roots):
                add(roles, mention.actor, role)


def _companion_roles(trigger: Token, roots: Roots, roles: dict[Actor, EventRole]) -> None:
    """Whom the verb a meeting noun hangs on says it is held "with": in "Zelensky pushed on
    with talks in Berlin with US envoys" the parse hangs the envoys on "pushed"."""
    verb = bound_verb(trigger)[0] if trigger.pos_ != "VERB" else None
    if verb is None:
        return
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in PARTICIPANT_PREPS or inside(trigger, prep):
            continue
        for root, mention in roots:
            if inside(root, prep) and _direct(root, prep) and not _possessor_of_other(root, roots):
                add(roles, mention.actor, "participant")


def _victim_roles(trigger: Token, roots: Roots, roles: dict[Actor, EventRole]) -> None:
    """Whom the verb an attack noun is the subject of harms is the attack's target: "a
    roadside bombing killed one U.S. soldier", "the strikes hit Russia's refineries"."""
    verb = trigger.head
    if trigger.pos_ == "VERB" or trigger.dep_ != "nsubj" or lemma(verb) not in HARM_LEMMAS:
        return
    harmed = [verb, *(c for c in verb.children if c.dep_ == "conj" and is_verb(c))]
    for clause in harmed:
        for obj in (c for c in clause.children if c.dep_ == "dobj"):
            for root, mention in roots:
                if inside(root, obj) and _direct(root, clause) and root.dep_ != "compound" \
                        and not _possessor_of_other(root, roots):
                    add(roles, mention.actor, "target")  # "U.S." of "a U.S. soldier" is his


def _recipient_roles(trigger: Token, roots: Roots, roles: dict[Actor, EventRole]) -> None:
    """Whom a verb gives the event noun it has as object is its target: "provided aid to
    Ukraine", "granted asylum to 18 rebels", "gave Kyiv support", "gave Chad $5 million of
    aid"."""
    noun = staged(trigger)
    if trigger.pos_ == "VERB" or noun.dep_ != "dobj":
        return
    verb = noun.head
    recipients = [c for c in verb.children if c.dep_ == "dative"]
    recipients += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
                   for g in c.children if g.dep_ == "pobj"]
    for recipient in recipients:
        for root, mention in roots:
            if inside(root, recipient) and _direct(root, recipient) \
                    and not _possessor_of_other(root, roots):
                add(roles, mention.actor, "target")


def _committed_roles(trigger: Token, roots: Roots, roles: dict[Actor, EventRole]) -> None:
    """Whom the act a party threatens, offers, refuses or demands would reach is the event's
    target, when the clause names none: "threatened to break relations with Russia", "is
    willing to send troops to help defend Jordan", "refused to hand the suspects over to
    Britain". Reached through the act's objects, prepositions and further "to" clauses."""
    if "target" in roles.values():
        return
    acts = [c for c in trigger.children if c.dep_ == "xcomp"]
    for root, mention in roots:
        if mention.actor in roles:
            continue
        current = root
        while current.dep_ in ACT_PATH_DEPS and current.head != current and current not in acts:
            current = current.head
        if current in acts and root != current:
            add(roles, mention.actor, "target")


def _relative_object(trigger: Token) -> Token | None:
    """The noun a relative clause's trigger acts on: "the peninsula, which Russia annexed"."""
    if trigger.dep_ != "relcl":
        return None
    if any(c.dep_ in {"dobj", "nsubjpass"} and c.tag_ in {"WDT", "WP"} for c in trigger.children):
        return trigger.head
    return None


def _topic(token: Token, trigger: Token) -> bool:
    """Whether a token under a meeting trigger is only its subject matter."""
    return any(a.dep_ == "prep" and a.lower_ in TOPIC_PREPS and a.head == trigger
               for a in token.ancestors)


def _adjective_actor(token: Token, known: dict[str, Actor]) -> Actor | None:
    """The actor a country adjective stands for ("Russian strikes", registry demonyms), only
    when the document names that actor, so that no actor is invented."""
    country = adjective_country(token)
    return known.get(country.name) if country is not None else None


def adjective_country(token: Token) -> Actor | None:
    """The actor a demonym stands for (a country, or a union such as the EU), named in the
    document or not."""
    entry = load_registry().by_demonym(token.text)
    return entry.actor if entry is not None else None


def _located(trigger: Token, roots: Roots) -> set[Actor]:
    """The actors an event noun is only said to be in or to be of: "a ceasefire in Ukraine",
    "the Black Sea ceasefire"."""
    if trigger.pos_ == "VERB":
        return set()
    return {mention.actor for root, mention in roots
            if (root.head == trigger and root.dep_ == "compound")
            or (root.dep_ == "pobj" and root.head.lower_ == "in" and root.head.head == trigger)}


def event_actors(trigger: Token, event_type: str, sent: Span, roots: Roots,
                 mentions: list[Mention], known: dict[str, Actor]) -> dict[Actor, EventRole]:
    """Actors taking part in the trigger's event: mentions and country adjectives in its
    subtree, the object of a relative clause, plus the clause subject."""
    roles: dict[Actor, EventRole] = {}
    covered = _subtree_mention_roles(trigger, event_type, sent, roots, roles)
    unnamed = _subtree_adjective_roles(trigger, event_type, sent, known, covered, roles)
    _relative_object_roles(trigger, roots, known, roles)
    _verb_arguments(trigger, roots, roles)
    _recipient_roles(trigger, roots, roles)
    if event_type in VIOLENT_TYPES:
        _victim_roles(trigger, roots, roles)
    if event_type in TOPICAL_TYPES:
        _companion_roles(trigger, roots, roles)
    if event_type in COMMITTING_TYPES:
        _committed_roles(trigger, roots, roles)
    _clause_subject_actors(trigger, sent, roots, mentions, roles)
    for root, mention in roots:
        if mention.actor in roles and within(root, sent) and _leads(root):
            roles[mention.actor] = "lead"
    if set(roles) <= unnamed:
        return {}  # a country the article only qualifies with is never an event's sole party
    if event_type in PLACED_TYPES and set(roles) <= _located(trigger, roots):
        return {}  # "a ceasefire in Ukraine": where it would hold, not who declares it
    return roles


def directed(actors: tuple[EventActor, ...]) -> tuple[EventActor, ...]:
    """PLOVER's direction: when the event has someone who acts, whoever they act with is its
    target ("Israeli officials shared evidence with the U.S.", "Moroccan diplomats met with
    Obama", "Qatar launched a mediation effort between the Emirates and Saudi Arabia").
    Applied once the reports of an event are joined, which compare parties as read."""
    roles = {ea.role for ea in actors}
    if "source" not in roles or "target" in roles:
        return actors
    return tuple(sorted(replace(ea, role="target") if ea.role == "participant" else ea
                        for ea in actors))


def _subtree_mention_roles(trigger: Token, event_type: str, sent: Span, roots: Roots,
                           roles: dict[Actor, EventRole]) -> set[int]:
    """Roles of the mentions in the trigger's own clause. Returns the token positions every
    mention in the sentence spans, whether or not it takes part: a country adjective inside
    a mention ("the Russian Foreign Ministry") is part of that actor's name, not an actor."""
    covered: set[int] = set()
    for root, mention in roots:
        if within(root, sent):
            if mention.method != "group":  # "Russian troops" are Russia's too
                covered.update(range(root.left_edge.i, root.i + 1))
            if event_type in TOPICAL_TYPES and _topic(root, trigger):
                continue
            if root != trigger and inside(root, trigger) and _direct(root, trigger):
                role = path_role(root, trigger)
                if event_type in ADDRESSING_TYPES and (_content_subject(root, trigger)
                                                       or _asked_of(root, trigger)):
                    role = "target"
                if event_type in WITHDRAWING_TYPES and _left(root, trigger):
                    role = "target"
                elif event_type in WITHDRAWING_TYPES and _withdrawing(root, trigger):
                    role = "source"
                if role:
                    add(roles, mention.actor, role)
    return covered


def _left(root: Token, trigger: Token) -> bool:
    """Whether a mention is what a withdrawal leaves: "withdraw its troops from Lebanon",
    "the withdrawal of Russian troops from Kherson"."""
    current = root
    while current.dep_ in {"conj", "appos", "compound"} and current.head != current:
        current = current.head
    while current.dep_ == "pobj" and current.head.lower_ == "of":
        current = current.head.head  # "from parts of Ukraine"
    if current.dep_ != "pobj" or current.head.lower_ != "from":
        return False
    above = current.head.head
    while above != trigger and above.dep_ in {"dobj", "pobj", "prep"}:
        above = above.head
    return above == trigger


def _withdrawing(root: Token, trigger: Token) -> bool:
    """Whether a mention is who withdraws in a withdrawal noun's "of": "the withdrawal of
    Russian troops"."""
    current = root
    while current.dep_ in {"conj", "appos", "compound", "amod"} and current.head != current:
        current = current.head
    return (trigger.pos_ != "VERB" and current.dep_ == "pobj" and current.head.lower_ == "of"
            and current.head.head == trigger)


def _asked_of(root: Token, trigger: Token) -> bool:
    """Whether a mention is whom the thing demanded is asked of: "demanded autonomy from
    Serbian authorities", "demanded an admission by Moscow"."""
    current = root
    while current.head != trigger and current.head != current:
        if current.dep_ == "pobj" and current.head.lower_ in SOURCE_PREPS:
            return current.head.head.dep_ == "dobj" and current.head.head.head == trigger
        current = current.head
    return False


def _content_subject(root: Token, trigger: Token) -> bool:
    """Whether a mention is the subject of the clause a request or warning states."""
    head = root
    while head.dep_ in {"conj", "appos", "compound"} and head.head != head:
        head = head.head
    clause = head.head
    return (head.dep_ in {"nsubj", "nsubjpass"} and clause.dep_ in CONTENT_CLAUSES
            and clause.head == trigger)


def _subtree_adjective_roles(trigger: Token, event_type: str, sent: Span,
                             known: dict[str, Actor], covered: set[int],
                             roles: dict[Actor, EventRole]) -> set[Actor]:
    """Roles of the countries named by adjective ("Russian strikes"), which news uses for a
    side as often as its name; only an adjective modifying a noun of the trigger's own clause
    makes its country a party. A country the article does not name otherwise is taken only
    as what the event is done to ("rejected an Indian proposal"); those are returned."""
    unnamed: set[Actor] = set()
    for token in trigger.subtree:
        country = adjective_country(token)
        if not within(token, sent) or country is None or token.i in covered:
            continue
        if event_type in TOPICAL_TYPES and _topic(token, trigger):
            continue
        modifier = token if token.dep_ != "conj" else token.head  # "U.S. and Ukrainian officials"
        if modifier.dep_ not in {"amod", "compound", "nmod"} or not _direct(token, trigger):
            continue
        role = path_role(modifier, trigger)
        if event_type in WITHDRAWING_TYPES and _withdrawing(modifier, trigger):
            role = "source"  # "the withdrawal of Russian troops"
        actor = _adjective_actor(token, known)
        if actor is None and role == "target" and country.type == "GPE" and country not in roles:
            actor = country
            unnamed.add(country)
        if role and actor:
            add(roles, actor, role)
    return unnamed


def _relative_object_roles(trigger: Token, roots: Roots, known: dict[str, Actor],
                           roles: dict[Actor, EventRole]) -> None:
    """The target named by the noun a relative-clause trigger acts on ("the peninsula, which
    Russia annexed"): it lies outside the trigger's subtree, so the subtree search misses it."""
    antecedent = _relative_object(trigger)
    if antecedent is None:
        return
    for token in antecedent.subtree:
        if inside(token, trigger):
            continue
        actor = next((m.actor for r, m in roots if r == token), None) or (
            _adjective_actor(token, known) if token.dep_ == "amod" else None)
        if actor:
            add(roles, actor, "target")


def _leads(root: Token) -> bool:
    """Whether a mention is the agent of "led by"/"headed by" describing a delegation or
    team: "the Ukrainian delegation, led by Umerov"."""
    agent = root.head
    verb = agent.head if agent.dep_ == "agent" else None
    return (root.dep_ == "pobj" and verb is not None and lemma(verb) in LEAD_LEMMAS
            and verb.dep_ in {"acl", "relcl", "advcl"})
