import json

import dagster as dg

from pipeline.contract.contracts import TABLE_ORDER, table
from pipeline.definitions import defs
from pipeline.defs.resources import ParleyPaths
from pipeline.defs.sensors import raw_folder_sensor


def test_definitions_load_with_every_stage_and_a_blocking_check_per_table():
    repo = defs.get_repository_def()
    keys = sorted(k.to_user_string() for k in repo.asset_graph.get_all_asset_keys())
    assert keys == sorted(["raw_documents", "documents", "rejected", "removed_lines",
                           "extractions", "actors",
                           "mentions", "quotes", "events", "event_actors", "places", "real_events",
                           "release"])
    checks = repo.asset_graph.asset_check_keys
    assert sorted(c.name for c in checks) == sorted(f"{t}_contract" for t in TABLE_ORDER)
    for key in checks:
        assert repo.asset_graph.get_check_spec(key).blocking


def test_each_table_asset_is_described_by_its_contract_and_feeds_the_release():
    repo = defs.get_repository_def()
    graph = repo.asset_graph
    for name in TABLE_ORDER:
        node = graph.get(dg.AssetKey(name))
        assert node.description == table(name).description, name
    release_inputs = graph.get(dg.AssetKey("release")).parent_keys
    assert {k.to_user_string() for k in release_inputs} == set(TABLE_ORDER)


def test_job_schedule_and_sensor_are_defined():
    assert defs.get_job_def("build_release") is not None
    assert defs.get_schedule_def("daily_release").cron_schedule == "0 5 * * *"
    assert defs.get_sensor_def("raw_folder_sensor").job_name == "build_release"


def test_sensor_requests_one_run_per_new_content(tmp_path):
    (tmp_path / "a.txt").write_text("Talks in Geneva.")
    paths = ParleyPaths(raw_dir=str(tmp_path), out_dir=str(tmp_path / "out"))
    with dg.build_sensor_context(resources={"paths": paths}) as context:
        first = raw_folder_sensor(context)
        assert isinstance(first, dg.RunRequest)
        cursor = context.cursor
    with dg.build_sensor_context(cursor=cursor, resources={"paths": paths}) as context:
        assert isinstance(raw_folder_sensor(context), dg.SkipReason)
    (tmp_path / "b.txt").write_text("A call with Kyiv.")
    with dg.build_sensor_context(cursor=cursor, resources={"paths": paths}) as context:
        second = raw_folder_sensor(context)
        assert isinstance(second, dg.RunRequest) and second.run_key != first.run_key
        assert set(json.loads(context.cursor)) == {"a.txt", "b.txt"}
