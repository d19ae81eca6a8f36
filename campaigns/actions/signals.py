"""Signals of the actions feature, for other features to listen to without actions
importing them (campaigns.news subscribes a signer who asked to be kept informed)."""

from django.dispatch import Signal

# Sent once, when a signature is confirmed (its emailed link proved the address), with
# `signature`; inside the transaction that counted it.
signature_confirmed = Signal()
