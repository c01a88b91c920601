"""Dependencies: every one pinned, the pins installed, every import declared.

A vulnerability audit needs a database from the network (pip-audit asks
PyPI or OSV), so it cannot run in this offline CI; docs/reliability.md
gives the command for a machine with network access, and these tests keep
the pins it audits exact and complete.
"""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, packages_distributions, version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[a-z0-9_,-]+\])?==(?P<version>[^,;\s]+)$")
# Developer scripts that regenerate data files; they say which package to install by hand.
DEVELOPER_SCRIPTS = ("derive_",)


def requirements() -> list[str]:
    return [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["test"]]


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.parametrize("requirement", requirements())
def test_every_dependency_is_pinned_exactly_and_installed(requirement: str) -> None:
    match = PIN.match(requirement)
    assert match, f"{requirement!r}: pin it with == so an audit covers what runs"
    try:
        installed = version(match["name"])
    except PackageNotFoundError:
        pytest.fail(f"{match['name']} is pinned but not installed: pip install -e '.[test]'")
    assert installed == match["version"], f"{match['name']}: pinned {match['version']}, installed {installed}"


def third_party_imports() -> dict[str, set[str]]:
    """Top-level modules imported anywhere in the package (outside developer scripts) -> files."""
    found: dict[str, set[str]] = {}
    for path in ROOT.joinpath("eventsift").rglob("*.py"):
        if path.name.startswith(DEVELOPER_SCRIPTS):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else []
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "eventsift":
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_imported_package_is_a_declared_dependency() -> None:
    declared = {canonical(PIN.match(r)["name"]) for r in PROJECT["dependencies"] if PIN.match(r)}  # type: ignore[index]
    providers = packages_distributions()
    undeclared = {module: sorted(files) for module, files in third_party_imports().items()
                  if not {canonical(d) for d in providers.get(module, [module])} & declared}
    assert not undeclared, f"imported but not pinned in [project.dependencies]: {undeclared}"


def test_the_audit_command_is_documented() -> None:
    doc = (ROOT / "docs" / "reliability.md").read_text()
    assert "pip-audit" in doc and "--strict" in doc
