"""Signing in to the admin: what stands between an attacker and every supporter's email.

- `lockout`: django-axes, configured to count failures per account name and per client
  in the database (so it holds while the cache is down), storing a keyed hash instead of
  the client's address and no user agent; its lockout page and the unlock listing.
- `two_factor`: TOTP codes (pyotp) and one-time recovery codes, with the secret sealed
  (`keys`) so that a database dump alone does not give it.
- `middleware`: the optional network restriction, sign-out after idle time, and the gate
  that keeps a signed-in person on the code or enrolment page until the second factor.
- `views`, `forms`, `admin`: the pages in the Wagtail admin (code step, enrolment and
  recovery codes, locked sign-ins for superusers).

The settings are in settings/base.py, under "admin sign-in"; README, "Signing in to the
admin", says how campaigners and administrators use it.
"""
