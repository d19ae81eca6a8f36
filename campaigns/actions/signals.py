"""Signals of the actions feature, for other features to listen to without actions
importing them (campaigns.news subscribes a signer who asked to be kept informed;
campaigns.edge purges the pages that show a count)."""

from django.dispatch import Signal

# Sent once, when a signature is confirmed (its emailed link proved the address), with
# `signature`; inside the transaction that counted it.
signature_confirmed = Signal()
# Sent once per letter a reader says they sent, with `action`: the page it is counted
# against (the source page); inside the transaction that counted it.
letter_counted = Signal()
