"""A petition signer who ticked "keep me informed" gets the news once their signature is
confirmed: actions sends the signal, this package listens (actions imports no news)."""

from campaigns.actions.models import Signature
from campaigns.actions.signals import signature_confirmed

from .subscribing import subscribe_signer


def subscribe_confirmed_signer(sender, signature, **kwargs):
    subscribe_signer(signature)


signature_confirmed.connect(
    subscribe_confirmed_signer, sender=Signature, dispatch_uid="campaigns.news.subscribe_signer"
)
