"""`make bench`: build time, per-stage time, throughput and peak memory at several corpus
sizes, against the floor of the bare spaCy parse on the same texts.

Results go to benchmarks/results.json and a table in BENCHMARKS.md. This is a benchmark,
never a test: timings depend on the machine.

    python -m benchmarks.run [--sizes 100,1000,5000] [--dask-size 1000] [--seed 2026]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import generate
from pipeline.engine.fanout import PROCESSES

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
REPORT = HERE.parent / "BENCHMARKS.md"
# Two new articles for the incremental measurements: one built in the process that built the
# corpus (model loaded once), one in a fresh process. Each line of an article is a paragraph,
# so the long lines stay whole.
NEW_ARTICLES = {
    "article_new_warm.txt": """Envoys agree to meet again in Geneva

Negotiators from Russia and Ukraine agreed on Monday to meet again in Geneva next week, the Kremlin said.
“We are ready to continue the talks,” Kremlin spokesman Dmitry Peskov told reporters.
""",  # noqa: E501
    "article_new_cold.txt": """Turkey offers to host prisoner exchange talks

Turkish President Recep Tayyip Erdogan offered on Friday to host talks on a new prisoner exchange in Istanbul.
“Our door is open to both sides,” Erdogan told a news conference in Ankara.
""",  # noqa: E501
}


def _run(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "benchmarks.measure", *args], check=True,
                          capture_output=True, text=True, cwd=HERE.parent)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _machine() -> dict:
    with open("/proc/meminfo") as fh:
        mem_kb = int(fh.readline().split()[1])
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_kb / 2**20, 1),
            "python": platform.python_version(), "system": platform.platform(),
            "processes": PROCESSES}


def measure_size(count: int, seed: int, work: Path) -> dict:
    raw, out = work / f"raw_{count}", work / f"out_{count}"
    generate(raw, count, seed)
    extra: list[str] = []
    if count == 1000:
        for name, text in NEW_ARTICLES.items():
            (work / name).write_text(text, encoding="utf-8")
        extra = [str(work / "article_new_warm.txt")]
    build = _run("build", str(raw), str(out), *extra)
    floor = _run("floor", str(Path(build["release"]) / "documents.parquet"), str(PROCESSES))
    result = {"documents": count, "build": build, "floor": floor,
              "build_over_floor": round(build["seconds"] / floor["seconds"], 2),
              "documents_per_second": round(count / build["seconds"], 1),
              "words_per_second": round(floor["words"] / build["seconds"])}
    if count == 1000:
        warm = build.pop("warm_incremental")
        shutil.copy(work / "article_new_cold.txt", raw / "article_new_cold.txt")
        cold = _run("build", str(raw), str(out))
        result["incremental_one_document"] = {
            "warm_seconds": warm["seconds"],
            "warm_share_of_full_build": round(warm["seconds"] / build["seconds"], 3),
            "warm_step_seconds": warm["step_seconds"],
            "cold_seconds": cold["seconds"],
            "cold_share_of_full_build": round(cold["seconds"] / build["seconds"], 3)}
    shutil.rmtree(raw)
    shutil.rmtree(out)
    return result


def measure_dask(count: int, seed: int, work: Path) -> dict:
    """The dask job with one worker, then two, each from an empty cache."""
    raw = work / f"raw_dask_{count}"
    generate(raw, count, seed)
    runs = {}
    for workers in (1, 2):
        out = work / f"out_dask_{workers}"
        runs[workers] = _run("dask", str(raw), str(out), str(workers))
        shutil.rmtree(out)
    shutil.rmtree(raw)
    return {"documents": count, "one_worker": runs[1], "two_workers": runs[2],
            "speedup": round(runs[1]["seconds"] / runs[2]["seconds"], 2),
            "extraction_speedup": round(runs[1]["extractions_seconds"]
                                        / runs[2]["extractions_seconds"], 2)}


def _report(results: dict) -> str:
    m = results["machine"]
    lines = ["# Benchmarks", "",
             f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python "
             f"{m['python']}; extraction processes: {m['processes']}.", "",
             "Made by `make bench` (`python -m benchmarks.run`); raw numbers in "
             "`benchmarks/results.json`. The floor is the same clean texts through "
             "the stock model's `nlp.pipe` alone with the same process count, model load "
             "excluded. Parley's own pipeline gives the same annotations but runs the "
             "model's attribute rules and lemmatizer memoised "
             "(`pipeline/extract/memoised_pipes.py`), so its parse is faster than the "
             "floor's; the build "
             "is the whole `parley build` (imports, cleaning, parse, extraction, validation "
             "and release) in a fresh process with an empty cache.", "",
             "| documents | build s | floor s | build/floor | docs/s "
             "| peak MB (all processes, PSS) |",
             "|---:|---:|---:|---:|---:|---:|"]
    for r in results["sizes"]:
        lines.append(f"| {r['documents']} | {r['build']['seconds']} | {r['floor']['seconds']} "
                     f"| {r['build_over_floor']} | {r['documents_per_second']} "
                     f"| {r['build']['peak_mb']} |")
    by_size = {r["documents"]: r for r in results["sizes"]}
    if 1000 in by_size and 5000 in by_size:
        growth = by_size[5000]["build"]["seconds"] / by_size[1000]["build"]["seconds"]
        lines += ["", f"Growth from 1000 to 5000 documents: {growth:.2f}x (linear is 5x)."]
    if "incremental_one_document" in by_size.get(1000, {}):
        inc = by_size[1000]["incremental_one_document"]
        lines += ["One new document added to the built 1000-document corpus: "
                  f"{inc['warm_seconds']} s ({inc['warm_share_of_full_build']:.1%} of the full "
                  "build) in the process that built it (model and imports loaded once); "
                  f"{inc['cold_seconds']} s ({inc['cold_share_of_full_build']:.1%}) as a new "
                  "`parley build` process, which first imports Dagster while its worker "
                  "server loads the models and its validator imports Great Expectations."]
    dask = results.get("dask")
    if dask:
        lines += ["", f"The same job on a local dask.distributed cluster ({dask['documents']} "
                  f"documents, single-threaded workers): one worker {dask['one_worker']['seconds']}"
                  f" s, two workers {dask['two_workers']['seconds']} s, a speedup of "
                  f"{dask['speedup']}x for the whole run and {dask['extraction_speedup']}x for "
                  "the extraction step."]
    steps = by_size.get(1000, {}).get("build", {}).get("step_seconds")
    if steps:
        lines += ["", "Per-stage time at 1000 documents (Dagster steps):", "",
                  "| step | seconds |", "|---|---:|"]
        lines += [f"| {k} | {v} |" for k, v in sorted(steps.items(), key=lambda kv: -kv[1])]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--dask-size", type=int, default=1000,
                        help="documents for the dask one-versus-two-workers run; 0 skips it")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    results = {"machine": _machine(), "seed": args.seed, "sizes": []}
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        for count in (int(s) for s in args.sizes.split(",")):
            print(f"measuring {count} documents ...", flush=True)
            results["sizes"].append(measure_size(count, args.seed, Path(tmp)))
        if args.dask_size:
            print(f"measuring the dask job, one and two workers, {args.dask_size} documents ...",
                  flush=True)
            results["dask"] = measure_dask(args.dask_size, args.seed, Path(tmp))
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    REPORT.write_text(_report(results))
    print(REPORT.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
