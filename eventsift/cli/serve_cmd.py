"""`eventsift serve`: browse a database in a local web app (and its JSON API)."""
from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from eventsift.errors import StoreError
from eventsift.web.app import LOOPBACK_HOSTS, WebSettings
from eventsift.web.security import DEFAULT_MAX_BODY_BYTES, tile_origin

TOKEN_ENV = "EVENTSIFT_TOKEN"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str) -> tuple[str, ...]:
    """Host headers the app answers: loopback names on a loopback bind (this stops DNS
    rebinding), else the bound name too."""
    if is_loopback(host):
        return LOOPBACK_HOSTS
    return (*LOOPBACK_HOSTS, host) if host not in {"0.0.0.0", "::"} else ("*",)


@click.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("eventsift.db"), show_default=True,
              help="The database to serve (created empty if missing).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback exposes the data to the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--token", envvar=TOKEN_ENV, default=None, show_envvar=True,
              help="Token that write requests (POST /api/documents) must send as "
                   "'Authorization: Bearer TOKEN'. Without one, writes are disabled.")
@click.option("--max-body", "max_body", type=click.IntRange(1_000, 100_000_000),
              default=DEFAULT_MAX_BODY_BYTES, show_default=True,
              help="Largest request body accepted, in bytes.")
@click.option("--tiles", "tile_url", default=None, metavar="URL",
              help="Optional online basemap: an https tile template such as "
                   "https://tile.openstreetmap.org/{z}/{x}/{y}.png. Default: offline outlines only.")
@click.option("--tiles-attribution", default="", help="Attribution text for --tiles.")
def serve(db_path: Path, host: str, port: int, token: str | None, max_body: int,
          tile_url: str | None, tiles_attribution: str) -> None:
    """Serve the map, timeline, incident pages and JSON API of a database.

    Binds to 127.0.0.1 by default. The API is under /api/ and its OpenAPI
    spec at /api/openapi.json.
    """
    import uvicorn

    from eventsift.web.app import create_app
    from eventsift.web.database import prepare_database

    if tile_url and tile_origin(tile_url) is None:
        raise click.BadParameter("must be an https URL template", param_hint="--tiles")
    if token is not None and len(token) < 16:
        raise click.BadParameter("use at least 16 characters", param_hint="--token")
    try:
        prepare_database(db_path)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    settings = WebSettings(db_path=db_path, token=token or None, max_body_bytes=max_body,
                           tile_url=tile_url, tile_attribution=tiles_attribution,
                           allowed_hosts=allowed_hosts(host))
    writes = "enabled (token set)" if settings.token else f"disabled (no --token or {TOKEN_ENV})"
    click.echo(f"eventsift: serving {db_path} at http://{host}:{port}/ ; writes {writes}", err=True)
    if not is_loopback(host):
        click.echo(f"eventsift: warning: bound to {host}, reachable from the network", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning",
                server_header=False, proxy_headers=False)
