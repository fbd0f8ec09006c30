import datetime as dt

from pipeline.contract.contracts import table
from pipeline.engine.real_events import real_event_rows
from pipeline.extract.records import Place

GENEVA = Place("Geneva", "CHE", 46.2, 6.15, 2660646)
SWITZERLAND = Place("Switzerland", "CHE", None, None, 2658434)


def _report(eid, doc, day, precision, place, status="occurred", start=0):
    row = {"event_id": eid, "doc_id": doc, "event_type": "CONSULT", "status": status,
           "event_date": day, "date_precision": precision, "place_id": place,
           "event_cluster_id": "c1", "evidence_start": start}
    table("events").check_rows([row])  # the columns real_events reads, as the contract names them
    return row


def test_the_reports_of_one_meeting_become_one_row_of_what_they_agree_on():
    reports = [_report("e1", "d1", dt.date(2026, 2, 16), "week", "che", "planned"),
               _report("e2", "d2", dt.date(2026, 2, 17), "day", "gva"),
               _report("e3", "d2", dt.date(2026, 2, 17), "day", None, start=50),
               _report("e4", "d3", None, None, "gva")]
    actors = {"e1": {"rus", "ukr"}, "e2": {"usa"}, "e3": set(), "e4": {"ukr"}}
    names = {"rus": "Russia", "ukr": "Ukraine", "usa": "United States"}
    published = {"d1": dt.date(2026, 2, 15), "d2": dt.date(2026, 2, 18), "d3": None}
    [row] = real_event_rows(reports, actors, names, published,
                            {"che": SWITZERLAND, "gva": GENEVA})
    assert (row["event_date"], row["date_precision"]) == (dt.date(2026, 2, 17), "day")
    assert (row["date_start"], row["date_end"]) == (dt.date(2026, 2, 17), dt.date(2026, 2, 17))
    assert row["place_id"] == "gva"  # Geneva, inside Switzerland
    assert row["status"] == "occurred"
    assert row["actor_ids"] == ["rus", "ukr", "usa"]
    assert row["actor_names"] == ["Russia", "Ukraine", "United States"]
    assert (row["report_count"], row["document_count"]) == (4, 3)
    assert (row["first_reported"], row["last_reported"]) == (dt.date(2026, 2, 15),
                                                             dt.date(2026, 2, 18))
    assert row["first_event_id"] == "e1"


def test_a_coarse_date_spans_its_whole_period():
    [row] = real_event_rows([_report("e1", "d1", dt.date(2025, 8, 1), "month", None)],
                            {}, {}, {}, {})
    assert (row["date_start"], row["date_end"]) == (dt.date(2025, 8, 1), dt.date(2025, 8, 31))
    assert row["place_id"] is None and row["first_reported"] is None
