"""The asset graph a release is built from, and the run tags that cover all of it.

Kept apart from the jobs so that `parley build` can run the graph in-process without
importing the distributed executors.
"""

from pipeline.defs import assets, release
from pipeline.defs.checks import contract_checks
from pipeline.engine.parts import BUCKETS

ALL_ASSETS = [assets.raw_documents, assets.documents_and_rejected, assets.extractions,
              assets.actors_and_mentions, assets.quotes, assets.events_and_places,
              release.release]
ALL_CHECKS = contract_checks

# A release needs every extraction partition, so one run covers the whole bucket range; a
# backfill of the `extractions` asset alone can split the buckets over many runs instead.
ALL_BUCKETS = {"dagster/asset_partition_range_start": BUCKETS[0],
               "dagster/asset_partition_range_end": BUCKETS[-1]}
