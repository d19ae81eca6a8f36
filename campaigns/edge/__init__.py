"""The edge cache: Varnish in front of the app servers, purged when content changes.

- purge.py: what a publish, a move or a comment decision purges, sent on commit;
- counts.py: the debounced purge of the pages showing a count that changed;
- signals.py: the receivers that call them; backends.py: PURGE and BAN over HTTP;
- vcl.py renders the Varnish configuration (`render_vcl(backends, purgers)`).
"""
