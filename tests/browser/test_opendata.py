"""A researcher opens /open-data/ on a phone and on a desktop, downloads the cases file and
its signature, and checks the signature with the public key the page shows."""

import base64
import hashlib

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


@pytest.mark.parametrize("width", [375, 1280])
def test_researcher_downloads_and_verifies_the_cases_file(page, axe, site_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_server.url + "/cases/")
    page.get_by_role(
        "link", name="All open data, with checksums, signatures and dated snapshots"
    ).click()
    assert page.url == site_server.url + "/open-data/"
    assert page.locator("h1").inner_text() == "Open data"
    cases = page.get_by_role("region", name="Cases", exact=True)
    assert "CC BY 4.0" in page.locator("main").inner_text()
    assert cases.get_by_text("status_label").count() == 1  # the column documentation

    key_text = (
        page.get_by_role("region", name="How to check a file")
        .locator("code.checksum")
        .inner_text()
    )
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(key_text))

    file_link = cases.get_by_role("link", name="Cases, English, CSV")
    item = cases.locator("li.data-file").filter(
        has=page.get_by_role("link", name="Cases, English, CSV", exact=True)
    )
    with page.expect_download() as signature_download:
        item.get_by_role("link", name="signature").click()
    signature = open(signature_download.value.path(), "rb").read()  # noqa: SIM115
    content = page.request.get(site_server.url + file_link.get_attribute("href")).body()
    key.verify(signature, content)  # raises InvalidSignature if it does not verify
    assert content.startswith(b"slug,language,url,name,")
    with pytest.raises(InvalidSignature):
        key.verify(signature, content[:-2] + bytes([content[-2] ^ 1]) + content[-1:])
    # The checksum the page lists is the file's.
    assert hashlib.sha256(content).hexdigest() in item.inner_text()

    # Nothing overflows the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator("details.snapshot-day summary").first.click()
    axe(page)
    assert page.external_requests == []
