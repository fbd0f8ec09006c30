"""The release gate: one blocking Great Expectations check per table.

Each check runs in the same run as the release asset, which depends on every checked
table, so a failed expectation stops the release before anything is published.
"""

import inspect

import dagster as dg
import pyarrow as pa

from pipeline.contract.contracts import TABLE_ORDER, table as contract
from pipeline.engine import progress
from pipeline.quality.reports import required_tables
from pipeline.quality.validation import validate_table

REPORT_KEY = "validation"


def check_name(table: str) -> str:
    return f"{table}_contract"


def check_key(table: str) -> dg.AssetCheckKey:
    return dg.AssetCheckKey(dg.AssetKey(table), check_name(table))


def _contract_check(name: str) -> dg.AssetChecksDefinition:
    related = required_tables(name)

    def run(**tables: pa.Table) -> dg.AssetCheckResult:
        with progress.step(f"validating {name}") as shown:
            report = validate_table(name, tables[name], {t: tables[t] for t in related})
            failures = [o.describe() for o in report.failures]
            shown.note(f"validated {name}: {len(report.outcomes) - len(failures)} of "
                       f"{len(report.outcomes)} expectations hold")
        return dg.AssetCheckResult(
            passed=report.success,
            severity=dg.AssetCheckSeverity.ERROR,
            description="; ".join(failures) or None,
            metadata={"rows": report.rows, "expectations": len(report.outcomes),
                      "failed": len(failures),
                      REPORT_KEY: dg.MetadataValue.json(report.to_dict())},
        )

    # Dagster reads a check's inputs from its signature, and the inputs differ per table.
    # (inspect honours __signature__ on any callable; typeshed does not declare it.)
    run.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        inspect.Parameter(p, inspect.Parameter.POSITIONAL_OR_KEYWORD) for p in [name, *related]])
    return dg.asset_check(
        asset=name, name=check_name(name), blocking=True,
        description=f"Great Expectations suite for {name}, derived from schemas/{name}.yaml: "
                    f"{contract(name).description}",
        additional_ins={t: dg.AssetIn(t) for t in related},
    )(run)


contract_checks = [_contract_check(name) for name in TABLE_ORDER]
