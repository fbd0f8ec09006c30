"""The contracts' value sets as types, so the code that produces rows is checked against them.

A `Literal` must be written out for a type checker to read it, so each set in
`schemas/domains.yaml` is spelled here once more; `DOMAIN_TYPES` ties each type to its set
and tests/contract/test_values.py fails when the two differ, in either direction. Values
that come from data files rather than code (the trigger lexicon's types) enter through
`plover_type`, which refuses a value the contracts do not allow.
"""

from __future__ import annotations

from typing import Literal, cast, get_args

ActorType = Literal["PERSON", "ORG", "GPE"]
PublishedAtSource = Literal["metadata", "html", "text", "url", "estimated"]
SourceFormat = Literal["txt", "html", "json", "jsonl"]
EventRole = Literal["source", "target", "participant", "mediator", "host", "lead"]
PloverType = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                     "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                     "MOBILIZE", "COERCE", "ASSAULT"]
EventStatus = Literal["occurred", "planned", "hypothetical"]
ConsultMode = Literal["phone", "visit", "multilateral", "third-party"]
DatePrecision = Literal["day", "week", "month", "year"]
DateBasis = Literal["clause", "offset", "linked", "subject", "meeting", "publication"]
PlaceBasis = Literal["clause", "linked", "dateline", "target", "article", "meeting", "there"]
MentionMethod = Literal["registry", "ner", "partial_name", "role", "fuzzy", "surname"]
QuoteKind = Literal["direct", "partial", "indirect"]
RejectionReason = Literal["empty", "binary", "undecodable", "no_text", "malformed_json",
                          "unsupported_format", "too_large", "missing_file",
                          "outside_raw_folder", "unreadable", "malformed_metadata", "hidden",
                          "readme"]

DOMAIN_TYPES: dict[str, object] = {
    "actor_type": ActorType, "published_at_source": PublishedAtSource,
    "source_format": SourceFormat, "event_role": EventRole, "plover_type": PloverType,
    "event_status": EventStatus, "consult_mode": ConsultMode, "date_precision": DatePrecision,
    "date_basis": DateBasis, "place_basis": PlaceBasis, "mention_method": MentionMethod,
    "quote_kind": QuoteKind, "rejection_reason": RejectionReason,
}


def plover_type(value: str, where: str) -> PloverType:
    """`value` as a PLOVER type, or an error naming the file `where` it came from."""
    if value not in get_args(PloverType):
        raise ValueError(f"{where}: {value!r} is not a PLOVER type of schemas/domains.yaml "
                         f"(plover_type: {', '.join(get_args(PloverType))})")
    return cast(PloverType, value)
