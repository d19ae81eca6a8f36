"""Small builders for demo StreamField values, so the demo's data reads like data."""

import datetime


def source(title, publisher, date=None, url=""):
    """One ("source", SourceBlock value) item; `date` is a date or None when unknown."""
    return {
        "type": "source",
        "value": {
            "title": title,
            "publisher": publisher,
            "date": date.isoformat() if date else None,
            "url": url,
        },
    }


def heading(text, anchor="", level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level, "anchor": anchor}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def callout(heading_text, html, tone="info"):
    return {"type": "callout", "value": {"tone": tone, "heading": heading_text, "text": html}}


def quote(text, attribution, source_title, source_url=""):
    return {
        "type": "quote",
        "value": {
            "quote": text,
            "attribution": attribution,
            "source_title": source_title,
            "source_url": source_url,
        },
    }


def d(year, month, day):
    return datetime.date(year, month, day)
