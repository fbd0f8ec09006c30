"""The contracts' value sets as types, so the code that produces rows is checked against them.

A `Literal` must be written out for a type checker to read it, so each set in
`schemas/domains.yaml` is spelled here once more; `DOMAIN_TYPES` ties each type to its set
and tests/contract/test_values.py fails when the two differ, in either direction. Values
that come from data files rather than code (the trigger lexicon's types, the group
sectors) enter through `plover_type` and `actor_sector`, which refuse a value the contracts
do not allow.
"""

from __future__ import annotations

from typing import Literal, cast, get_args

ActorType = Literal["PERSON", "ORG", "GPE", "GROUP"]
ActorSector = Literal["GOV", "LEG", "MIL", "COP", "SPY", "JUD", "REB", "OPP", "CVL", "REF", "JRN",
                      "BUS", "REL"]
PublishedAtSource = Literal["metadata", "html", "text", "url", "estimated"]
SourceFormat = Literal["txt", "html", "json", "jsonl"]
EventRole = Literal["source", "target", "participant", "mediator", "host", "lead"]
PloverType = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                     "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                     "MOBILIZE", "COERCE", "ASSAULT"]
EventStatus = Literal["occurred", "planned", "hypothetical"]
ConsultMode = Literal["phone", "visit", "multilateral", "third-party"]
DatePrecision = Literal["day", "week", "month", "year"]
DateBasis = Literal["clause", "offset", "linked", "subject", "reported", "meeting", "lead",
                    "section", "publication"]
PlaceBasis = Literal["clause", "linked", "dateline", "target", "article", "meeting", "there"]
MentionMethod = Literal["registry", "ner", "partial_name", "role", "fuzzy", "surname", "group",
                        "demonym", "acronym"]
QuoteKind = Literal["direct", "partial", "indirect", "belief"]
SpeakerKind = Literal["named", "described", "unattributed"]
AttributionMethod = Literal["syntax", "surname", "role", "pronoun", "organisation", "issuer",
                            "apposition", "description", "nearby", "colon", "continuation",
                            "paragraph"]
RemovalReason = Literal["separator", "caption", "byline", "prompt", "contact", "timestamp",
                        "other_script", "link", "widget", "promotion", "copyright", "disclaimer",
                        "label", "repeated", "summary", "faq"]
RejectionReason = Literal["empty", "binary", "undecodable", "no_text", "malformed_json",
                          "unsupported_format", "too_large", "missing_file",
                          "outside_raw_folder", "unreadable", "malformed_metadata", "hidden",
                          "readme"]

DOMAIN_TYPES: dict[str, object] = {
    "actor_type": ActorType, "actor_sector": ActorSector, "published_at_source": PublishedAtSource,
    "source_format": SourceFormat, "event_role": EventRole, "plover_type": PloverType,
    "event_status": EventStatus, "consult_mode": ConsultMode, "date_precision": DatePrecision,
    "date_basis": DateBasis, "place_basis": PlaceBasis, "mention_method": MentionMethod,
    "quote_kind": QuoteKind, "speaker_kind": SpeakerKind,
    "attribution_method": AttributionMethod, "rejection_reason": RejectionReason,
    "removal_reason": RemovalReason,
}


def _member(value: str, domain: str, what: str, where: str) -> str:
    allowed = get_args(DOMAIN_TYPES[domain])
    if value not in allowed:
        raise ValueError(f"{where}: {value!r} is not {what} of schemas/domains.yaml "
                         f"({domain}: {', '.join(allowed)})")
    return value


def plover_type(value: str, where: str) -> PloverType:
    """`value` as a PLOVER type, or an error naming the file `where` it came from."""
    return cast(PloverType, _member(value, "plover_type", "a PLOVER type", where))


def actor_sector(value: str, where: str) -> ActorSector:
    """`value` as a group actor's sector, or an error naming the file `where` it came from."""
    return cast(ActorSector, _member(value, "actor_sector", "a sector", where))
