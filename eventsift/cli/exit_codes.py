"""Exit codes of the commands that read many inputs: run, extract and batch.

    0  every input was processed
    2  some inputs were skipped or failed, each named on stderr with its
       reason in one line; the others were processed
    1  nothing was done: a usage error, no input could be processed, or a
       fatal failure (the database cannot be opened, the output written)

Click exits 2 on a usage error; these commands exit 1 instead, so that 2
means only "partly done".
"""
from __future__ import annotations

from typing import Any

import click

ALL_PROCESSED = 0
NOTHING_DONE = 1
PARTLY_DONE = 2

EXIT_CODES_HELP = (
    "Exit codes: 0 every input processed; 2 some inputs skipped or failed (one stderr line each, "
    "naming the input and the reason), the others processed; 1 usage error, nothing processed, "
    "or a fatal failure."
)


def exit_code(processed: int, bad: int) -> int:
    """The exit code of a run that processed `processed` documents and named `bad` inputs."""
    if processed == 0:
        return NOTHING_DONE
    return PARTLY_DONE if bad else ALL_PROCESSED


class InputsCommand(click.Command):
    """A click command whose usage errors exit 1 (not click's 2, which means 'partly done' here)."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as error:
            error.exit_code = NOTHING_DONE
            raise

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as error:  # raised by the command itself (options that do not fit)
            error.exit_code = NOTHING_DONE
            raise
