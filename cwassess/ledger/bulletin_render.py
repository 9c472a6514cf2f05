"""The weekly 通报 as HTML and PDF, through the shared renderer (cwassess.render): its base template, styles,
filters, and the locked PDF fetcher. The bulletin's own template lives in cwassess/ledger/templates/."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, PackageLoader

from cwassess import __version__
from cwassess.ledger.bulletin import Bulletin
from cwassess.ledger.deadlines import LEVEL_ZH
from cwassess.ledger.model import Escalation
from cwassess.render.templates import environment


@functools.cache
def _environment() -> Environment:
    base = environment()
    assert base.loader is not None
    return base.overlay(loader=ChoiceLoader([PackageLoader("cwassess", "ledger/templates"), base.loader]))


def bulletin_html(bulletin: Bulletin, issuer: str, rules: Escalation | None = None) -> str:
    year, week, _ = bulletin.start.isocalendar()
    counts: dict[int, int] = {}
    for o in bulletin.overdue:
        counts[o.level] = counts.get(o.level, 0) + 1
    levels = [(LEVEL_ZH[n], counts[n]) for n in (3, 2, 1) if counts.get(n)]
    header = {"issuer": issuer, "generator": f"cwassess {__version__}"}
    return _environment().get_template("ledger_bulletin.html").render(
        b=bulletin, doc_title=bulletin.title, header=header, year=year, week=week, levels=levels, rules=rules or Escalation()
    )


def bulletin_pdf(bulletin: Bulletin, issuer: str, workspace: Path, rules: Escalation | None = None) -> bytes:
    from cwassess.render.pdf import render_pdf

    created = dt.datetime.combine(bulletin.as_of, dt.time())
    result = render_pdf(bulletin_html(bulletin, issuer, rules), roots=[workspace], title=bulletin.title, author=issuer, created=created)
    return result.data
