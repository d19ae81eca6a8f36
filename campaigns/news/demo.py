"""Demo campaign news: one issue, approved and ready to send, in English, Russian and
Kazakh, about the three documented cases (facts from their sourced case pages only).

No subscribers are made: the send report shows its counts at zero until someone
subscribes at /newsletter/ and an editor presses "Send to subscribers". The translations
come from PO files, as the demo's pages do (home/demo/translations/<language>/news-issue.po).
"""

import polib
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale

from home.demo.translations import (
    import_strings,
    languages,
    po_path,
    save_translation,
    translation_of,
)

from .models import NewsIssue

PO_NAME = "news-issue"
ISSUE = {
    "subject": "Campaign news: three cases, three outcomes",
    "body": [
        ("heading", "Where the three documented cases stand"),
        (
            "paragraph",
            "<p>Vladimir Kozlov, leader of the unregistered opposition party Alga!, was "
            "sentenced on 8 October 2012 by the Mangistau regional court in Aktau to seven "
            "and a half years. He was released on parole on 19 August 2016. Amnesty "
            "International named him a prisoner of conscience.</p>",
        ),
        (
            "paragraph",
            "<p>Serikzhan Bilash, who founded the volunteer group Atajurt, was detained in "
            "Almaty in March 2019 and charged with inciting discord. A plea deal freed him "
            "in August 2019 with a fine and a seven-year ban on public activity. In 2020 the "
            "UN Working Group on Arbitrary Detention found his detention arbitrary.</p>",
        ),
        (
            "paragraph",
            "<p>Mukhtar Ablyazov lives in exile. Courts in Kazakhstan convicted him in "
            "absentia in 2017 and again in 2018. Each case page lists the sources for every "
            "date.</p>",
        ),
        ("latest_updates", {"heading": "Latest case updates", "updates": [], "count": 3}),
        ("open_actions", {"heading": "Act now", "actions": [], "count": 2}),
        ("button", {"text": "Read the cases", "url": f"{settings.BASE_URL}/cases/"}),
    ],
}


def build(log):
    """Make the issue (approved: published) and its translations unless it exists."""
    if NewsIssue.objects.filter(subject=ISSUE["subject"]).exists():
        return 0
    issue = NewsIssue(locale=Locale.get_default(), **ISSUE)
    issue.save()
    issue.save_revision().publish()
    made = 1
    for language in languages():
        path = po_path(language, PO_NAME)
        if not path.exists():
            continue
        locale, _created = Locale.objects.get_or_create(language_code=language)
        with transaction.atomic():
            translation = translation_of(issue, locale)
            import_strings(translation, polib.pofile(str(path)))
            save_translation(issue, translation)
        made += 1
    log(f"  made    campaign news “{issue.subject}” in {made} language(s)")
    return made
