"""A non-editable install carries everything a build needs: code, registries and contracts."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent

PROGRAM = """
import sys
import pipeline
assert pipeline.__file__.startswith(sys.argv[1]), pipeline.__file__
from pipeline.cli import main
sys.exit(main(["build", "--raw", sys.argv[2], "--out", sys.argv[3]]))
"""


def _source_copy(into: Path) -> Path:
    """What a source distribution holds, so that building writes nothing into the checkout."""
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, into / name)
    for folder in ("pipeline", "schemas", "benchmarks"):
        shutil.copytree(ROOT / folder, into / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "results.json"))
    return into


def test_a_wheel_installed_elsewhere_builds_the_seeds(tmp_path):
    wheels, target, source = tmp_path / "wheels", tmp_path / "site", tmp_path / "source"
    source.mkdir()
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(wheels),
                    str(_source_copy(source))], check=True, cwd=tmp_path)
    [wheel] = wheels.glob("parley-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--target", str(target), str(wheel)], check=True)
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-c", PROGRAM, str(target), str(ROOT / "data" / "raw"),
                    str(out)], check=True, cwd=tmp_path,
                   env={**os.environ, "PYTHONPATH": str(target)}, capture_output=True)
    documents = pq.read_table(out / "latest" / "documents.parquet")
    assert documents.num_rows == 5
    assert (out / "latest" / "real_events.parquet").exists()


def test_the_citation_and_licence_match_the_package():
    import tomllib

    import yaml

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert (citation["version"], citation["license"]) == (project["version"], project["license"])
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
