"""One guard for every public POST (home.abuse.PublicPostGuard): size, then cross-site,
then the rate limit, each refused with one Refusal shape on the form's own page."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from home.abuse import PublicPostGuard, Refusal, posted_data


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()  # the rate limits count in the cache
    yield
    cache.clear()


# --- the guard ----------------------------------------------------------------------------


GUARD = PublicPostGuard(
    "test", per_client="TEST_POSTS_PER_CLIENT", window="TEST_WINDOW", flood_message="Slow down."
)


@pytest.fixture
def limits(settings):
    settings.TEST_POSTS_PER_CLIENT = 2
    settings.TEST_WINDOW = 60
    settings.PUBLIC_POST_MAX_BYTES = 1000
    return settings


def post(size=10, **meta):
    return RequestFactory().post("/", data="x" * size, content_type="text/plain", **meta)


def test_an_ordinary_post_is_admitted_and_counted(limits):
    assert GUARD.admit(post()) is None
    assert GUARD.count(post()) is None


def test_a_body_over_the_limit_is_refused_first_and_left_unread(limits):
    refusal = GUARD.admit(post(1001, HTTP_SEC_FETCH_SITE="cross-site"))
    assert refusal == Refusal("too-large", 413, refusal.message, body_read=False)
    assert "too long" in str(refusal)
    assert GUARD.admit(post(1000)) is None


@pytest.mark.parametrize("length", ["", "nonsense", "-5"])
def test_a_missing_or_broken_length_reads_as_empty(limits, length):
    request = post()
    request.META["CONTENT_LENGTH"] = length
    assert GUARD.admit(request) is None


@pytest.mark.parametrize(
    "meta", [{"HTTP_SEC_FETCH_SITE": "cross-site"}, {"HTTP_ORIGIN": "https://evil.example"}]
)
def test_a_cross_site_post_is_refused(limits, meta):
    refusal = GUARD.admit(post(**meta))
    assert (refusal.reason, refusal.status, refusal.body_read) == ("cross-site", 403, True)
    assert "sent from another website" in str(refusal)


def test_a_place_may_word_its_cross_site_refusal(limits):
    guard = PublicPostGuard(
        "t",
        per_client="TEST_POSTS_PER_CLIENT",
        window="TEST_WINDOW",
        flood_message="",
        cross_site_message="Use the form on the case page.",
    )
    assert str(guard.admit(post(HTTP_SEC_FETCH_SITE="cross-site"))) == (
        "Use the form on the case page."
    )


def test_a_flood_is_refused_per_client_with_the_limits_read_at_each_request(limits):
    assert [GUARD.count(post()) for _ in range(2)] == [None, None]
    assert GUARD.count(post()) == Refusal("flood", 429, "Slow down.")
    assert GUARD.count(post(REMOTE_ADDR="192.0.2.9")) is None  # another client
    limits.TEST_POSTS_PER_CLIENT = 5
    assert GUARD.limit == 5
    assert GUARD.count(post()) is None


def test_the_form_sees_the_post_unless_it_was_left_unread(limits):
    request = RequestFactory().post("/", {"email": "a@b.c"})
    assert posted_data(request) == request.POST
    assert posted_data(request, Refusal("cross-site", 403, "")) == request.POST
    assert posted_data(request, Refusal("too-large", 413, "", body_read=False)) is None


# --- every public POST endpoint refuses the same way (the `endpoint` fixture) ----------------


def assert_refused(response, status, reason):
    assert response.status_code == status
    html = response.content.decode()
    assert f'<p class="notice" role="alert" data-refusal="{reason}">' in html, html
    assert "no-store" in response["Cache-Control"]
    return html


def test_an_ordinary_post_is_taken(client, endpoint):
    response = client.post(endpoint.url, endpoint.data(0), HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == endpoint.accepted
    assert endpoint.stored() == 1


@pytest.mark.parametrize(
    "header", [{"HTTP_SEC_FETCH_SITE": "cross-site"}, {"HTTP_ORIGIN": "https://evil.example"}]
)
def test_a_cross_site_post_is_refused_everywhere_the_same_way(client, endpoint, header):
    response = client.post(endpoint.url, endpoint.data(0), **header)
    html = assert_refused(response, 403, "cross-site")
    assert "This form was sent from another website, so it was not accepted." in html
    assert endpoint.stored() == 0


def test_an_oversize_body_is_refused_everywhere_the_same_way(client, endpoint, settings):
    settings.PUBLIC_POST_MAX_BYTES = 2000
    padded = {**endpoint.data(0), "padding": "x" * 2000}
    # A filled honeypot too: the size is refused before the form is read.
    response = client.post(endpoint.url, {**padded, "website": "spam.example"})
    html = assert_refused(response, 413, "too-large")
    assert "What you sent was too long to be accepted, so nothing was stored." in html
    assert "x" * 100 not in html
    assert endpoint.stored() == 0


def test_a_flood_is_refused_everywhere_the_same_way(client, endpoint, settings):
    setattr(settings, endpoint.per_client, 2)
    for n in range(2):
        assert client.post(endpoint.url, endpoint.data(n)).status_code == endpoint.accepted
    response = client.post(endpoint.url, endpoint.data(2))
    assert_refused(response, 429, "flood")
    assert endpoint.stored() == 2
    other_client = client.post(endpoint.url, endpoint.data(3), REMOTE_ADDR="192.0.2.7")
    assert other_client.status_code == endpoint.accepted
