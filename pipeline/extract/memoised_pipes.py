"""Stand-ins for the model's attribute ruler and lemmatizer that give the same annotations
at a fraction of the cost.

The stock components visit every token in Python. The attribute ruler runs its 179 Matcher
patterns over every token, a sixth of the whole parse; the lemmatizer makes a Token object
and sets a string per token. Yet what the ruler gives a token depends, for every pattern
of one token, on that token's own values of the few attributes the patterns test (lower
case, tag, dependency, whitespace), and of those only on the values the patterns name; and
the lemma depends on the token's text, part of speech and morphology alone. So each distinct
case is computed once per process, by the stock component's own code, and remembered.
Patterns over several tokens still run through spaCy's Matcher, and their matches are
applied in the stock order, so the result is the stock result token for token.
"""

from collections.abc import Iterator, Sequence
from typing import cast

import numpy as np
import numpy.typing as npt
from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.tokens._retokenize import set_token_attrs

MEMOISED_RULER = "memoised_attribute_ruler"
MEMOISED_LEMMATIZER = "memoised_lemmatizer"
# Stands for every value that no pattern names; no attribute's hash is all ones.
_UNNAMED = np.uint64(2**64 - 1)


def memoise_pipes(nlp: Language) -> None:
    """Put the memoised components in the places of the stock ruler and lemmatizer."""
    for stock, factory in (("attribute_ruler", MEMOISED_RULER),
                           ("lemmatizer", MEMOISED_LEMMATIZER)):
        nlp.add_pipe(factory, name=f"{stock}_memoised", after=stock, config={"stock": stock})
        nlp.remove_pipe(stock)
        nlp.rename_pipe(f"{stock}_memoised", stock)


def attribute_hashes(doc: Doc, attrs: Sequence[int]) -> npt.NDArray[np.uint64]:
    """`doc.to_array(attrs)`, typed as what it returns: spaCy's stub declares float64, which
    would hide that the values are uint64 hashes and so usable as vocabulary keys."""
    return cast("npt.NDArray[np.uint64]", doc.to_array(list(attrs)))


def _named_values(predicates: list[object]) -> np.ndarray | None:
    """The hashes an attribute is compared with, or None when some predicate (NOT_IN, REGEX,
    a comparison) can tell apart values that no pattern names."""
    named: set[int] = set()
    for predicate in predicates:
        if isinstance(predicate, dict) and set(predicate) == {"IN"}:
            values = predicate["IN"]
        elif isinstance(predicate, (str, bool, int)):
            values = [predicate]
        else:
            return None
        named.update(_hash(value) for value in values)
    return np.fromiter(named, dtype=np.uint64, count=len(named))


def _hash(value: str | bool | int) -> int:
    return int(value) if isinstance(value, (bool, int)) else get_string_id(value)


class MemoisedAttributeRuler:
    """The stock ruler's patterns and attributes, with one-token patterns decided once per
    distinct token description."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self._attrs, self._indices = ruler.attrs, ruler.indices
        self._single, self._several = Matcher(self.vocab), Matcher(self.vocab)
        tested: dict[str, list[object]] = {}
        for attr_id in range(len(self._attrs)):
            patterns = ruler.matcher.get(str(attr_id))[1]
            if self._is_one_token(patterns, self._attrs[attr_id]):
                self._single.add(str(attr_id), patterns)
                for token_pattern in (p[0] for p in patterns):
                    for name, predicate in token_pattern.items():
                        tested.setdefault(name, []).append(predicate)
            else:
                self._several.add(str(attr_id), patterns)
        self._key_attrs = [IDS[name] for name in sorted(tested)]
        self._named = [_named_values(tested[name]) for name in sorted(tested)]
        self._memo: dict[tuple[int, ...], tuple[int, ...]] = {}
        self._merged: dict[tuple[int, ...], dict] = {}

    @staticmethod
    def _is_one_token(patterns: list[list[dict]], attrs: dict) -> bool:
        """Whether the match depends on one token's own readable attributes only."""
        return "_" not in attrs and all(
            len(p) == 1 and all(name in IDS and name != "OP" for name in p[0])
            for p in patterns)

    def __call__(self, doc: Doc) -> Doc:
        matched = dict(enumerate(self._one_token_matches(doc)))
        for attr_id, target in self._several_token_matches(doc):
            matched[target] = tuple(sorted({*matched[target], attr_id}))
        for i, attr_ids in matched.items():
            if attr_ids:
                set_token_attrs(doc[i], self._merged_attrs(attr_ids))
        return doc

    def _one_token_matches(self, doc: Doc) -> Iterator[tuple[int, ...]]:
        """For each token, the ids of the one-token attribute sets that match it, in order."""
        if not self._key_attrs or not len(doc):
            yield from ((),) * len(doc)
            return
        columns = attribute_hashes(doc, self._key_attrs).reshape(len(doc), -1)
        for j, named in enumerate(self._named):
            if named is not None:
                columns[:, j] = np.where(np.isin(columns[:, j], named), columns[:, j], _UNNAMED)
        for i, key in enumerate(map(tuple, columns.tolist())):
            found = self._memo.get(key)
            if found is None:
                found = self._memo[key] = self._attr_ids(doc[i:i + 1])
            yield found

    def _attr_ids(self, doclike: Doc | Span) -> tuple[int, ...]:
        return tuple(sorted({int(self.vocab.strings[m_id]) for m_id, _, _ in
                             self._single(doclike, allow_missing=True, as_spans=False)}))

    def _several_token_matches(self, doc: Doc) -> Iterator[tuple[int, int]]:
        """(attribute set id, index of the token it applies to) for patterns of several
        tokens, with the stock ruler's check that the index lies inside the match."""
        for m_id, start, end in self._several(doc, allow_missing=True, as_spans=False):
            attr_id = int(self.vocab.strings[m_id])
            span = Span(doc, start, end)
            try:
                token = span[self._indices[attr_id]]
            except IndexError:
                raise ValueError(f"attribute ruler pattern {attr_id} sets token "
                                 f"{self._indices[attr_id]} of a {len(span)}-token match "
                                 f"{span.text!r}") from None
            yield attr_id, token.i

    def _merged_attrs(self, attr_ids: tuple[int, ...]) -> dict:
        """The attributes of the given sets as applied one after another (later sets win),
        worked out once per combination."""
        merged = self._merged.get(attr_ids)
        if merged is None:
            merged = self._merged[attr_ids] = {}
            for attr_id in attr_ids:
                merged.update(self._attrs[attr_id])
        return merged


class MemoisedLemmatizer:
    """The stock lemmatizer's answer for each (text, part of speech, morphology), once."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.vocab = lemmatizer.vocab
        self._lemmatizer = lemmatizer
        self._memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns = attribute_hashes(doc, [ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma and not self._lemmatizer.overwrite:
                continue
            found = self._memo.get((orth, pos, morph))
            if found is None:
                text = self._lemmatizer.lemmatize(doc[i])[0]
                found = self._memo[(orth, pos, morph)] = self.vocab.strings.add(text)
            lemmas[i] = found
        # spaCy takes a 1-d column for a single attribute; its stub asks for thinc's Ints2d.
        doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]
        return doc


@Language.factory(MEMOISED_RULER, default_config={"stock": "attribute_ruler"})
def _make_ruler(nlp: Language, name: str, stock: str) -> MemoisedAttributeRuler:
    ruler = nlp.get_pipe(stock)
    assert isinstance(ruler, AttributeRuler)  # the stock component this one stands in for
    return MemoisedAttributeRuler(ruler)


@Language.factory(MEMOISED_LEMMATIZER, default_config={"stock": "lemmatizer"})
def _make_lemmatizer(nlp: Language, name: str, stock: str) -> MemoisedLemmatizer:
    lemmatizer = nlp.get_pipe(stock)
    assert isinstance(lemmatizer, Lemmatizer)  # the stock component this one stands in for
    return MemoisedLemmatizer(lemmatizer)
