"""The contact form in Russian: its questions are translated with the page, its messages
in Russian, and its answers stored under the same names as the English form's."""

from wagtail.contrib.forms.models import FormSubmission

from ..home.factories import translate
from .factories import VALID


def test_the_russian_contact_form_asks_in_russian_and_stores_answers_alike(
    client, contact_page, home_page
):
    translate(home_page, "ru")
    russian = translate(
        contact_page,
        "ru",
        {"Name": "Имя", "Message": "Сообщение"},
    )
    html = client.get(russian.url).content.decode()
    assert russian.url == "/ru/contact/"
    assert '<html lang="ru">' in html
    assert "Имя" in html and "Сообщение" in html
    refused = client.post(russian.url, {**VALID, "email": "not an address"}).content.decode()
    assert "Send message" not in refused and '<html lang="ru">' in refused
    assert client.post(russian.url, VALID).status_code == 200
    (submission,) = FormSubmission.objects.filter(page=russian)
    assert submission.form_data == VALID
