"""The web app and JSON API over an eventsift database (`eventsift serve`).

    app.py          settings, middleware and routes (create_app)
    security.py     CSP and other headers, body limit, write token
    api.py          /api/: lists, details, map, timeline, exports, ingest
    pages.py        server-rendered pages (templates/), static/app.js draws map and timeline
    filters.py      the view filter from and to the URL query string
    sql_filters.py  that filter as SQL; queries.py the reads; database.py the read pool
    incident_view.py, evidence.py   an incident's sources with evidence in context
    exports.py, ingest.py           downloads and POSTed documents via the store
    basemap.py      the offline country outlines (built once from Natural Earth)

See docs/api.md.
"""
