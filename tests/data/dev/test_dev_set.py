"""The dev set is well formed: every gold line passes the checker, and
gold.jsonl is exactly the two coders' parts, a then b."""
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_gold_is_the_two_parts():
    parts = (HERE / "gold_a.jsonl").read_text() + (HERE / "gold_b.jsonl").read_text()
    assert (HERE / "gold.jsonl").read_text() == parts


def test_every_gold_line_passes_the_checker():
    run = subprocess.run([sys.executable, str(HERE / "check_gold.py"), str(HERE / "gold.jsonl")],
                         capture_output=True, text=True, cwd=HERE)
    assert run.returncode == 0, run.stdout + run.stderr
