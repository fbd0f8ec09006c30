"""The people of one document as speaker resolution needs them: every surname tied to its
full name, and each person's grammatical gender where the text or the given name tells it.

News names a speaker in full once ("Doug McCallum") and by surname after that; the actor
extractor can miss a surname (a capital inside it, a fuzzy registry match that grabbed a
different person). A quote by "McCallum" or by "he" needs the full person all the same.
Gender lets "she said" skip the man named last. It comes from evidence in the article
(an honorific, a gendered role noun next to the name) before a compact lexicon of common
given names; a name in neither stays unknown and agrees with any pronoun.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.attrs import ORTH
from spacy.tokens import Doc

from pipeline.extract.nlp import indices_where
from pipeline.extract.records import Actor, Mention
from pipeline.extract.surnames import salient_bearer

MALE, FEMALE = "m", "f"
PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "she": FEMALE, "her": FEMALE}

HONORIFICS = {
    "mr": MALE, "mr.": MALE, "sir": MALE, "lord": MALE, "mrs": FEMALE, "mrs.": FEMALE,
    "ms": FEMALE, "ms.": FEMALE, "miss": FEMALE, "dame": FEMALE, "lady": FEMALE,
}
GENDERED_NOUNS = {
    **dict.fromkeys(
        "spokesman chairman congressman businessman councilman alderman father son "
        "brother husband king prince uncle nephew grandfather boyfriend actor".split(), MALE),
    **dict.fromkeys(
        "spokeswoman chairwoman congresswoman businesswoman councilwoman alderwoman mother "
        "daughter sister wife queen princess aunt niece grandmother girlfriend actress "
        "widow".split(), FEMALE),
}
# Common given names across the English-speaking world, Europe, Russia and Ukraine; only
# names borne overwhelmingly by one gender.
MALE_NAMES = frozenset(
    """
    aaron adam adrian ahmed alan albert alex alexander alexandre alexei alexey ali andre
    andrei andrew andrey andriy angus anthony antonio arthur barack ben benjamin bernard
    bill bob boris brad bradley brandon brian bruce bryan carl carlos charles chris
    christian christopher colin craig dan daniel darren david dean dennis denis derek
    dmitri dmitry dmytro donald doug douglas duncan dwayne ed eddie edward emmanuel eric
    erik evgeny fedor francis francisco frank fred friedrich gary gavin geoffrey george
    gerald gordon graham greg gregory guy hamish hans harold harry henry hugh ian igor
    ivan jack jacob jake james jamie jason jean jeff jeffrey jeremy jim joe joel johann
    john jonathan jordan jorge jose joseph josh joshua juan justin keir keith ken kenneth
    kevin kirill konstantin kurt larry lee leonid liam louis luis luke marc marco mark
    martin matt matthew max michael michel mike mikhail mohammed muhammad mykola nathan
    neil nicholas nick nicolas nikolai oleg oleksandr oleksiy olaf omar oscar pat patrick
    paul pavel pedro pete peter petro philip phil pierre rafael ralph randy ray raymond
    richard rick rob robert roger ron ronald roy russell ryan sam samuel scott sean
    serhiy sergei sergey sergiy simon stanislav stephen steve steven stuart taras ted
    terry thomas tim timothy todd tom tony valery victor viktor vitali vladimir vladislav
    volodymyr walter wayne william xavier yaroslav yevgeny yuri yuriy zach
    abdul alastair alistair anatoly andreas antoine arnold arsen austin benoit bernie
    blake boyd brett caleb cameron chad chuck clarence clint cody conor connor curtis
    dale darrin dave dennis dominic don donnie dwight earl edgar elliot emil ernest
    ethan evan felix floyd frederick gabriel gene gerhard giuseppe glen glenn gustavo
    hakan heinz herbert howard hunter isaac jacques jan jared jerome jesse jimmy jon
    julian karl kenny kyle lance leo lewis lloyd luca lukas malcolm manuel marcus mario
    mathieu matteo maurice mitch mitchell mohamed mohammad morris nathaniel nigel noah
    norman olivier oliver owen pablo perry pieter rafal ramzan randall reginald rex
    ricardo rishi robin rodney rolf rudy rustem salvador sebastian sergio shane sidney
    stefan sven sylvester tobias travis trevor troy tyler vadim valentin vincent vitaly
    volker wade warren wesley wolfgang yevhen zbigniew
    """.split()
)
FEMALE_NAMES = frozenset(
    """
    alice alina alison amanda amy ana anastasia andrea angela angelina ann anna anne
    annalena annette barbara beata betty brenda brittany carol caroline carolyn
    catherine cathy charlotte cheryl chrissy christina christine chrystia cindy claire
    claudia daria darya deborah debbie denise diana diane donna dorothy elena elisabeth
    elizabeth ella emily emma eva evelyn fiona frances françoise giorgia gloria grace
    hannah heather helen helena hillary ingrid irene irina iryna isabel isabelle jane
    janet jennifer jessica jill joan joanna josephine joyce judith judy julia julie
    karen karin kate katherine kathleen kathryn kathy katie kaja kamala kelly kim
    kristi kristina larisa laura lauren linda lisa liz lucy lyudmila madeleine maria
    marie marina marine martha mary maria melanie melissa michelle monica nadia nancy
    natalia natalie natalya nina nicole olena olga oksana pamela patricia paula penny
    rachel rebecca ruth sally samantha sandra sara sarah sharon sophie stephanie
    susan suzanne svetlana tanya tatiana tatyana teresa theresa tulsi ursula valentina
    valerie vanessa victoria virginia wendy yulia yuliia zoe
    abigail agnieszka alexandra alexis allison amber anastasiya angelica anita april
    ashley audrey beatrice bethany beverly bonnie brigitte camilla candace carla carole
    caroline carmen cassandra catarina cecilia chloe christa clara colleen connie
    courtney cynthia dana danielle dawn debra doris edith eileen elaine eleanor eleanore
    elise ellen eloise erin esther eugenia evgenia faith felicity gabriela gabrielle
    gillian gina gretchen gwen hanna harriet heidi hilary holly ilona iris irina ivanka
    jacqueline jacinda janice jean jeanne jenna jenny joanne jocelyn jodie jolene joy
    juliet justine kara karina katarina kateryna katrin kirsten kristen krystyna leah
    leila lena leslie lillian lindsey lorna lorraine louise lydia lynn mackenzie maggie
    mandy marcia margaret margarita marianne marilyn marion marjorie maryam maureen
    megan meghan melinda meredith mia miriam molly nadine naomi natasha nora norma
    olena olivia paige paulina peggy phyllis priscilla rachael renee rita roberta
    rosa rosemary roxanne sabine sabrina sasha shannon sheila shelley shirley silvia
    simone sonia sophia stella sylvia tamara tara tina tracy ulrike vera veronica
    viktoria violet wanda yvonne zoya
    """.split()
)


def _words(name: str) -> list[str]:
    return [w.strip(".,").lower() for w in name.split()]


def surname_index(mentions: list[Mention]) -> dict[str, list[tuple[int, Actor]]]:
    """Surnames of the people named in full in the article, each with the (offset, person)
    of every full-name mention bearing it: the last word, and for longer names every
    shorter tail ("Al Basha" of "Abir Al Basha"). A registry person met only by surname
    does not count, so "Harris" goes to the Lisa Harris the article introduces rather than
    to a famous namesake."""
    found: dict[str, list[tuple[int, Actor]]] = {}
    for m in mentions:
        words = m.actor.name.split()
        if m.actor.type == "PERSON" and len(words) > 1 and len(m.text.split()) > 1:
            for k in range(1, len(words)):
                found.setdefault(" ".join(words[k:]), []).append((m.start, m.actor))
    return found


def link_surnames(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The mentions with every surname tied to the person named in full who bears it (the
    most salient one when several do): capitalised surname tokens the actor extractor left
    out become mentions, and a bare surname it filed as a person of its own, matched
    loosely to someone else, or gave to the wrong bearer, is moved to that person."""
    surnames = surname_index(mentions)
    named_in_full = {m.actor for m in mentions if len(m.text.split()) > 1}
    linked = []
    for m in mentions:
        bearers = surnames.get(m.text.removesuffix("’s").removesuffix("'s"), [])
        full = salient_bearer(bearers, m.start)
        own = m.actor.name.split()
        shared = len({actor for _, actor in bearers}) > 1
        if full is not None and full != m.actor and (
                shared or len(own) == 1 or m.text not in own or m.actor not in named_in_full):
            m = replace(m, actor=full, method="surname")
        linked.append(m)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for token in (doc[i] for i in indices_where(doc, [ORTH], surnames.__contains__)):
        full = salient_bearer(surnames[token.text], token.idx)
        if full is not None and token.pos_ == "PROPN" and token.idx not in covered:
            end = token.idx + len(token.text)
            linked.append(Mention(token.idx, end, token.text, full, "surname"))
    return sorted(linked)


def genders(doc: Doc, mentions: list[Mention]) -> dict[Actor, str]:
    """Each person's gender: from an honorific or a gendered noun next to any mention of
    them in the article, else from their given name."""
    found: dict[Actor, str] = {}
    for m in mentions:
        if m.actor.type != "PERSON" or m.actor in found:
            continue
        evidence = _text_evidence(doc, m)
        if evidence is not None:
            found[m.actor] = evidence
    for m in mentions:
        if m.actor.type == "PERSON" and m.actor not in found:
            given = _given_name_gender(m.actor.name)
            if given is not None:
                found[m.actor] = given
    return found


def _text_evidence(doc: Doc, mention: Mention) -> str | None:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    near = [t.lower_ for t in doc[max(span.start - 1, 0):span.end]]
    near += [t.lower_ for t in span.root.children if t.dep_ == "appos"]
    for word in near:
        gender = HONORIFICS.get(word) or GENDERED_NOUNS.get(word)
        if gender is not None:
            return gender
    return None


def is_given_name(word: str) -> bool:
    """A common given name: the word that makes an unlabelled capitalised pair a person."""
    return word.lower() in MALE_NAMES or word.lower() in FEMALE_NAMES


def _given_name_gender(name: str) -> str | None:
    words = [w for w in _words(name) if w not in HONORIFICS]
    if len(words) < 2:
        return None
    first = words[0]
    if first in MALE_NAMES and first in FEMALE_NAMES:
        return None
    if first in MALE_NAMES:
        return MALE
    if first in FEMALE_NAMES:
        return FEMALE
    return None
