"""CSV and GeoJSON copies of a release's tables: readable without Parquet, and reproducible."""

import csv
import json

from pipeline.contract.contracts import TABLE_ORDER
from pipeline.releases.exports import GEOJSON_FILE, csv_file, write_csv, write_geojson


def test_every_table_is_a_csv_with_its_columns_and_rows(release_tables, tmp_path):
    assert write_csv(release_tables, tmp_path) == [csv_file(n) for n in TABLE_ORDER]
    for name in TABLE_ORDER:
        with (tmp_path / csv_file(name)).open(encoding="utf-8", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        assert header == release_tables[name].column_names
        assert len(rows) == release_tables[name].num_rows
    (doc,) = list(csv.DictReader((tmp_path / "documents.csv").open(encoding="utf-8")))
    first = release_tables["documents"].to_pylist()[0]
    assert json.loads(doc["source_files"]) == first["source_files"]  # lists as JSON arrays
    assert doc["published_at"] == first["published_at"].isoformat()
    assert doc["url"] == ""  # null
    assert doc["clean_text"] == first["clean_text"]


def test_placed_real_events_are_geojson_points(release_tables, tmp_path):
    write_geojson(release_tables, tmp_path)
    collection = json.loads((tmp_path / GEOJSON_FILE).read_text(encoding="utf-8"))
    (feature,) = collection["features"]  # the one event, in Geneva
    assert feature["geometry"] == {"type": "Point", "coordinates": [6.15, 46.2]}
    assert feature["properties"]["place"] == "Geneva"
    assert feature["properties"]["actors"] == ["Volodymyr Zelensky"]


def test_the_exports_are_byte_identical_for_identical_tables(release_tables, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        folder.mkdir()
        write_csv(release_tables, folder)
        write_geojson(release_tables, folder)
    for file in [*(csv_file(n) for n in TABLE_ORDER), GEOJSON_FILE]:
        assert (first / file).read_bytes() == (second / file).read_bytes()
