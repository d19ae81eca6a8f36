"""How long supporters' data is kept, and removing what is older.

Each feature that holds supporters' data registers its purgers here (its `retention`
module, imported when the app is ready): a purger removes one kind of supporter data older
than a cut-off date and returns how many records it removed or emptied.
`manage.py purge_supporter_data` runs them all; the privacy page says the same periods in
words.
"""

from django.db import transaction

_PURGERS = []


def register_purger(label, order):
    """Register the decorated `purger(cutoff)` under `label`; lower `order` runs first."""

    def register(purger):
        _PURGERS.append((order, label, purger))
        _PURGERS.sort(key=lambda entry: entry[0])
        return purger

    return register


def purgers():
    """[(label, purger)] in the order they run."""
    return [(label, purger) for _order, label, purger in _PURGERS]


def purge(cutoff, log=lambda line: None, dry_run=False):
    """Run every purger for data older than `cutoff`; return {label: count}."""
    counts = {}
    with transaction.atomic():
        for label, purger in purgers():
            counts[str(label)] = purger(cutoff)
            log(f"  {counts[str(label)]:>6}  {label}")
        if dry_run:
            transaction.set_rollback(True)
    return counts
