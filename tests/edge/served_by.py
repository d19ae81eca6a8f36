"""Loaded only by the app servers of tests/edge/test_two_servers.py (through the settings
module that test writes): names the server that rendered a response, so a test reading
pages through the edge cache can tell which backend made each copy."""

import os


class ServedByMiddleware:
    """`X-Served-By: <APP_SERVER_NAME>` on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.name = os.environ["APP_SERVER_NAME"]

    def __call__(self, request):
        response = self.get_response(request)
        response["X-Served-By"] = self.name
        return response
