"""The `eventsift` command line: a thin click group over the library.

Each command group lives in its own module beside this one and is added
here explicitly (nothing registers itself on import).
"""
from __future__ import annotations

import click

from eventsift import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventsift")
def main() -> None:
    """eventsift: news reports of armed attacks in, coded and evidenced events out.

    Typical use: `eventsift extract --format jsonl report.txt` to print
    events, `eventsift run FOLDER` to store them in ./eventsift.db, and
    `eventsift serve` to browse them.
    """


def _add_commands() -> None:
    from eventsift.cli import batch_cmd
    from eventsift.cli import extract_cmd
    from eventsift.cli import gazetteer_cmd
    from eventsift.cli import serve_cmd
    from eventsift.cli import store_cmds

    main.add_command(batch_cmd.batch)
    main.add_command(extract_cmd.extract)
    main.add_command(gazetteer_cmd.gazetteer)
    main.add_command(serve_cmd.serve)
    for command in store_cmds.COMMANDS:
        main.add_command(command)
    # Further command modules (store, gazetteer, serve, batch) are added here.


_add_commands()
