from pathlib import Path

from eventsift.cli import main
from eventsift.cli.reference import reference

ROOT = Path(__file__).resolve().parents[2]


def test_cli_reference_is_current():
    """docs/cli.md is generated from --help: regenerate it when a command changes."""
    assert (ROOT / "docs" / "cli.md").read_text() == reference(), \
        "run: python -m eventsift.cli.reference > docs/cli.md"


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for name in main.commands:
        assert f"eventsift {name}" in readme or f"`{name}`" in readme, f"README does not mention '{name}'"
