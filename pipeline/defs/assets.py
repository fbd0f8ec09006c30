"""Assets for each stage, from the raw folder to the extracted tables."""

import dagster as dg
import pyarrow as pa

from pipeline import stages
from pipeline.defs.resources import ParleyPaths
from pipeline.ingest import Ingested


def _rows(**tables: pa.Table) -> dict:
    return {f"rows_{name}": t.num_rows for name, t in tables.items()}


@dg.asset(group_name="ingest", description="Every file under the raw folder, read and cleaned.")
def raw_documents(context: dg.AssetExecutionContext, paths: ParleyPaths) -> Ingested:
    ingested = stages.read_raw(paths.raw)
    for row in ingested.rejected:
        context.log.warning(f"rejected {row['source_file']}: {row['message']}")
    context.add_output_metadata({"documents": len(ingested.documents),
                                 "rejected": len(ingested.rejected), "raw_dir": str(paths.raw)})
    return ingested


@dg.multi_asset(
    group_name="ingest",
    outs={"documents": dg.AssetOut(description="Clean documents with metadata."),
          "rejected": dg.AssetOut(description="Raw files that did not become documents.")},
)
def documents_and_rejected(context: dg.AssetExecutionContext, raw_documents: Ingested):
    documents, rejected = stages.document_tables(raw_documents)
    yield dg.Output(documents, "documents", metadata=_rows(documents=documents))
    yield dg.Output(rejected, "rejected", metadata=_rows(rejected=rejected))


@dg.asset(group_name="extract",
          description="spaCy parses of the English documents, serialised per document.")
def parses(documents: pa.Table) -> dict[str, bytes]:
    return stages.parse(documents)


@dg.multi_asset(
    group_name="extract",
    outs={"actors": dg.AssetOut(description="One row per real-world actor."),
          "mentions": dg.AssetOut(description="Spans naming or referring to an actor.")},
)
def actors_and_mentions(documents: pa.Table, parses: dict[str, bytes]):
    actors, mentions = stages.extract_actors(documents, parses)
    yield dg.Output(actors, "actors", metadata=_rows(actors=actors))
    yield dg.Output(mentions, "mentions", metadata=_rows(mentions=mentions))


@dg.asset(group_name="extract", description="Quotes and reported statements with speakers.")
def quotes(documents: pa.Table, parses: dict[str, bytes], actors: pa.Table,
           mentions: pa.Table) -> dg.Output[pa.Table]:
    table = stages.extract_quotes(documents, parses, actors, mentions)
    return dg.Output(table, metadata=_rows(quotes=table))


@dg.multi_asset(
    group_name="extract",
    outs={"events": dg.AssetOut(description="PLOVER-typed events."),
          "event_actors": dg.AssetOut(description="Actors taking part in each event."),
          "places": dg.AssetOut(description="Gazetteer places where events happen.")},
)
def events_and_places(documents: pa.Table, parses: dict[str, bytes], actors: pa.Table,
                      mentions: pa.Table):
    events, event_actors, places = stages.extract_events(documents, parses, actors, mentions)
    yield dg.Output(events, "events", metadata=_rows(events=events))
    yield dg.Output(event_actors, "event_actors", metadata=_rows(event_actors=event_actors))
    yield dg.Output(places, "places", metadata=_rows(places=places))
