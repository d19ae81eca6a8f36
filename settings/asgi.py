"""The site as gunicorn's `asgi` worker serves it (deploy/gunicorn.conf.py).

Django runs as a WSGI application, as under any other server: asgiref's WsgiToAsgi
hands it a request only once the worker's event loop has read all of it, and runs it in
one thread per worker process. A client that sends its request slowly therefore holds
no thread, and the site keeps Django's synchronous request handling (persistent
database connections, streamed responses) unchanged. `settings.wsgi` stays the entry
point for WSGI servers.
"""

import os

from asgiref.wsgi import WsgiToAsgi
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.production")

application = WsgiToAsgi(get_wsgi_application())
