"""Assets for each stage, from the raw folder to the extracted tables.

Each table asset is described by its contract (schemas/<table>.yaml), so the catalog says
what the release's documentation says.
"""

import warnings

import dagster as dg
import pyarrow as pa

from pipeline.contract.contracts import table as contract
from pipeline.defs.catalog import column_schema, table_metadata
from pipeline.defs.resources import ParleyPaths
from pipeline.engine import progress, stages
from pipeline.engine.cache import DocumentCache, extractor_fingerprint
from pipeline.engine.ingest_stage import Ingested
from pipeline.engine.parts import BUCKETS, MissingPart
from pipeline.quality.validation import validate_soon

# Extraction partitions: the first hex digit of the document id (a content hash).
HASH_BUCKETS = dg.StaticPartitionsDefinition(list(BUCKETS))


def table_outs(*names: str) -> dict[str, dg.AssetOut]:
    """The outputs of a multi-asset that makes these release tables."""
    return {name: dg.AssetOut(description=contract(name).description,
                              metadata={"dagster/column_schema": column_schema(name)})
            for name in names}


def _warn_of_damage(context: dg.AssetExecutionContext, cache: DocumentCache) -> None:
    """Damaged cache entries were recomputed; say so, a disk may be failing."""
    for key, count in sorted(cache.stats.items()):
        if key.endswith("_damaged"):
            context.log.warning(f"{count} cache entr(ies) of {key[:-len('_damaged')]} failed "
                                "their checks and were computed again")


def _metadata(cache: DocumentCache) -> dict:
    """How much of the work the cache saved."""
    return {**{f"cache_{k}": v for k, v in sorted(cache.stats.items())},
            "extractor_fingerprint": extractor_fingerprint()}


def _described(name: str, data: pa.Table, cache: DocumentCache | None = None) -> dict:
    """A table's materialization metadata: its columns, row count and first rows for the
    catalog, and what the cache saved."""
    return {**(_metadata(cache) if cache else {}), **table_metadata(name, data)}


@dg.asset(group_name="ingest", description="Every file under the raw folder, read and cleaned.")
def raw_documents(context: dg.AssetExecutionContext, paths: ParleyPaths) -> Ingested:
    cache = paths.cache()
    ingested = stages.read_raw(paths.raw, cache)
    for row in ingested.rejected:
        context.log.warning(f"rejected {row['source_file']}: {row['message']}")
    for row in ingested.documents:
        for warning in row["metadata_warnings"]:
            context.log.warning(f"{row['source_file']}: {warning}")
    _warn_of_damage(context, cache)
    context.add_output_metadata({"documents": len(ingested.documents),
                                 "rejected": len(ingested.rejected), "raw_dir": str(paths.raw),
                                 **_metadata(cache)})
    return ingested


@dg.multi_asset(
    group_name="ingest",
    outs=table_outs("documents", "rejected", "removed_lines"),
)
def documents_and_rejected(context: dg.AssetExecutionContext, raw_documents: Ingested):
    documents, rejected, removed = stages.document_tables(raw_documents)
    validate_soon(context.run_id, documents=documents, rejected=rejected, removed_lines=removed)
    yield dg.Output(documents, "documents", metadata=_described("documents", documents))
    yield dg.Output(rejected, "rejected", metadata=_described("rejected", rejected))
    yield dg.Output(removed, "removed_lines", metadata=_described("removed_lines", removed))


# `backfill_policy` is beta in Dagster 1.13 and says so on every import, to every user of
# the CLI and the UI; Parley relies on it knowingly (one run extracts every bucket), so the
# warning is silenced where this one definition asks for it.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", dg.BetaWarning)
    _extraction_asset = dg.asset(
        group_name="extract", partitions_def=HASH_BUCKETS,
        backfill_policy=dg.BackfillPolicy.single_run(),
        description="Each hash bucket's documents parsed and extracted into its part of the "
                    "actors, mentions, quotes, events, event_actors and places tables (Parquet).",
    )


@_extraction_asset
def extractions(context: dg.AssetExecutionContext, paths: ParleyPaths,
                documents: pa.Table) -> dg.MaterializeResult:
    cache = paths.cache()
    counts = stages.extract_buckets(documents, context.partition_keys, cache)
    if counts["parts_damaged"]:
        context.log.warning(f"{counts['parts_damaged']} extracted part(s) failed their "
                            "checksums and were extracted again")
    _warn_of_damage(context, cache)
    return dg.MaterializeResult(metadata={**counts, **_metadata(cache)})


def _assembled(names: tuple[str, ...], function, *args):
    """The tables `names`, made by `function`. Assembly fails as a step, with the message
    saying which partition to extract; a person watching the build sees the step and the
    rows it made."""
    with progress.step(f"assembling {', '.join(names)}") as shown:
        try:
            made = function(*args)
        except MissingPart as exc:
            raise dg.Failure(str(exc)) from exc
        tables = made if isinstance(made, tuple) else (made,)
        shown.note("assembled " + ", ".join(f"{t.num_rows} {name}"
                                            for name, t in zip(names, tables, strict=True)))
    return made


@dg.multi_asset(
    group_name="extract", deps=[extractions],
    outs=table_outs("actors", "mentions"),
)
def actors_and_mentions(context: dg.AssetExecutionContext, paths: ParleyPaths,
                        documents: pa.Table):
    cache = paths.cache()
    actors, mentions = _assembled(("actors", "mentions"), stages.assembled_actors,
                                  documents, cache)
    validate_soon(context.run_id, actors=actors, mentions=mentions)
    yield dg.Output(actors, "actors", metadata=_described("actors", actors, cache))
    yield dg.Output(mentions, "mentions", metadata=_described("mentions", mentions, cache))


@dg.asset(group_name="extract", deps=[extractions], description=contract("quotes").description,
          metadata={"dagster/column_schema": column_schema("quotes")})
def quotes(context: dg.AssetExecutionContext, paths: ParleyPaths,
           documents: pa.Table) -> dg.Output[pa.Table]:
    cache = paths.cache()
    table = _assembled(("quotes",), stages.assembled_quotes, documents, cache)
    validate_soon(context.run_id, quotes=table)
    return dg.Output(table, metadata=_described("quotes", table, cache))


@dg.multi_asset(
    group_name="extract", deps=[extractions],
    outs=table_outs("events", "event_actors", "places", "real_events"),
)
def events_and_places(context: dg.AssetExecutionContext, paths: ParleyPaths,
                      documents: pa.Table):
    cache = paths.cache()
    events, event_actors, places, real_events = _assembled(
        ("events", "event_actors", "places", "real_events"), stages.assembled_events,
        documents, cache)
    validate_soon(context.run_id, events=events, event_actors=event_actors, places=places,
                  real_events=real_events)
    yield dg.Output(events, "events", metadata=_described("events", events, cache))
    yield dg.Output(event_actors, "event_actors",
                    metadata=_described("event_actors", event_actors, cache))
    yield dg.Output(places, "places", metadata=_described("places", places, cache))
    yield dg.Output(real_events, "real_events",
                    metadata=_described("real_events", real_events, cache))
