"""croissant.json is Croissant 1.1 that mlcroissant reads, records and all."""

import itertools
import json

import mlcroissant
import pytest

from pipeline.contract.contracts import TABLE_ORDER, table
from pipeline.contract.ids import sha256_file
from pipeline.releases.croissant import CONFORMS_TO
from pipeline.releases.layout import CHECKSUMS_FILE, CROISSANT_FILE, read_checksums


def test_every_file_object_has_the_file_s_checksum(release):
    described = json.loads((release / CROISSANT_FILE).read_text(encoding="utf-8"))
    assert described["conformsTo"] == CONFORMS_TO and described["citeAs"]
    files = {f["contentUrl"]: f["sha256"] for f in described["distribution"]}
    assert {f"{n}.parquet" for n in TABLE_ORDER} <= files.keys()
    for file, digest in files.items():
        assert sha256_file(release / file) == digest, file
    assert CROISSANT_FILE in read_checksums(release / CHECKSUMS_FILE)


def test_record_sets_have_the_contract_s_fields_and_keys(release):
    described = json.loads((release / CROISSANT_FILE).read_text(encoding="utf-8"))
    record_sets = {r["@id"]: r for r in described["recordSet"]}
    assert list(record_sets) == list(TABLE_ORDER)
    for name, record_set in record_sets.items():
        spec = table(name)
        assert [f["name"] for f in record_set["field"]] == spec.column_names
        assert [k["@id"] for k in record_set["key"]] == [f"{name}/{k}" for k in spec.primary_key]


@pytest.mark.timeout(300)
def test_mlcroissant_accepts_it_and_reads_the_records(release):
    dataset = mlcroissant.Dataset(jsonld=release / CROISSANT_FILE)  # raises on errors
    [quote] = list(itertools.islice(dataset.records("quotes"), 2))
    assert quote["quotes/text"] == b"We are ready for peace."
    [event] = list(dataset.records("real_events"))
    assert event["real_events/actor_names"] == [b"Volodymyr Zelensky"]
