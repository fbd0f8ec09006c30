"""Assets for each stage, from the raw folder to the extracted tables."""

import dagster as dg
import pyarrow as pa

from pipeline import stages
from pipeline.cache import DocumentCache, extractor_fingerprint
from pipeline.defs.resources import ParleyPaths
from pipeline.ingest import Ingested


def _metadata(cache: DocumentCache, **tables: pa.Table) -> dict:
    """Row counts, and how much of the work the cache saved."""
    return {**{f"rows_{name}": t.num_rows for name, t in tables.items()},
            **{f"cache_{k}": v for k, v in sorted(cache.stats.items())},
            "extractor_fingerprint": extractor_fingerprint()}


@dg.asset(group_name="ingest", description="Every file under the raw folder, read and cleaned.")
def raw_documents(context: dg.AssetExecutionContext, paths: ParleyPaths) -> Ingested:
    cache = paths.cache()
    ingested = stages.read_raw(paths.raw, cache)
    for row in ingested.rejected:
        context.log.warning(f"rejected {row['source_file']}: {row['message']}")
    context.add_output_metadata({"documents": len(ingested.documents),
                                 "rejected": len(ingested.rejected), "raw_dir": str(paths.raw),
                                 **_metadata(cache)})
    return ingested


@dg.multi_asset(
    group_name="ingest",
    outs={"documents": dg.AssetOut(description="Clean documents with metadata."),
          "rejected": dg.AssetOut(description="Raw files that did not become documents.")},
)
def documents_and_rejected(raw_documents: Ingested):
    documents, rejected = stages.document_tables(raw_documents)
    yield dg.Output(documents, "documents", metadata={"rows_documents": documents.num_rows})
    yield dg.Output(rejected, "rejected", metadata={"rows_rejected": rejected.num_rows})


@dg.asset(group_name="extract",
          description="spaCy parses of the English documents, kept in the document cache.")
def parses(context: dg.AssetExecutionContext, paths: ParleyPaths,
           documents: pa.Table) -> list[str]:
    cache = paths.cache()
    parsed = stages.parse(documents, cache)
    context.add_output_metadata({"parsed_documents": len(parsed), **_metadata(cache)})
    return parsed


@dg.multi_asset(
    group_name="extract",
    outs={"actors": dg.AssetOut(description="One row per real-world actor."),
          "mentions": dg.AssetOut(description="Spans naming or referring to an actor.")},
)
def actors_and_mentions(paths: ParleyPaths, documents: pa.Table, parses: list[str]):
    cache = paths.cache()
    actors, mentions = stages.extract_actors(documents, parses, cache)
    yield dg.Output(actors, "actors", metadata=_metadata(cache, actors=actors))
    yield dg.Output(mentions, "mentions", metadata=_metadata(cache, mentions=mentions))


@dg.asset(group_name="extract", description="Quotes and reported statements with speakers.")
def quotes(paths: ParleyPaths, documents: pa.Table, parses: list[str], actors: pa.Table,
           mentions: pa.Table) -> dg.Output[pa.Table]:
    cache = paths.cache()
    table = stages.extract_quotes(documents, parses, cache, actors, mentions)
    return dg.Output(table, metadata=_metadata(cache, quotes=table))


@dg.multi_asset(
    group_name="extract",
    outs={"events": dg.AssetOut(description="PLOVER-typed events."),
          "event_actors": dg.AssetOut(description="Actors taking part in each event."),
          "places": dg.AssetOut(description="Gazetteer places where events happen.")},
)
def events_and_places(paths: ParleyPaths, documents: pa.Table, parses: list[str],
                      actors: pa.Table, mentions: pa.Table):
    cache = paths.cache()
    events, event_actors, places = stages.extract_events(documents, parses, cache, actors,
                                                         mentions)
    yield dg.Output(events, "events", metadata=_metadata(cache, events=events))
    yield dg.Output(event_actors, "event_actors",
                    metadata=_metadata(cache, event_actors=event_actors))
    yield dg.Output(places, "places", metadata=_metadata(cache, places=places))
