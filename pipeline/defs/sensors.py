"""Start a build when a new or changed file appears in the raw folder."""

import json

import dagster as dg

from pipeline.defs.jobs import build_release
from pipeline.defs.resources import ParleyPaths
from pipeline.engine.watch import changed, content_key, scan


@dg.sensor(job=build_release, minimum_interval_seconds=60,
           default_status=dg.DefaultSensorStatus.STOPPED,
           description="Starts build_release when files under the raw folder are added or change.")
def raw_folder_sensor(context: dg.SensorEvaluationContext, paths: ParleyPaths):
    if not paths.raw.is_dir():
        return dg.SkipReason(f"raw folder {paths.raw} does not exist")
    previous = {k: tuple(v) for k, v in json.loads(context.cursor or "{}").items()}
    current = scan(paths.raw, previous)
    new_or_changed = changed(previous, current)
    context.update_cursor(json.dumps(current, sort_keys=True))
    if not new_or_changed:
        return dg.SkipReason("no new or changed files")
    shown = ", ".join(new_or_changed[:5]) + (" …" if len(new_or_changed) > 5 else "")
    context.log.info(f"{len(new_or_changed)} new or changed file(s): {shown}")
    return dg.RunRequest(run_key=content_key(current),
                         tags={"parley/changed_files": str(len(new_or_changed))})
