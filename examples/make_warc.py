"""Rebuild ``corpus/archive/gdynia-capture.warc.gz``, the sample WARC, from the pages below.

Run with the project's virtualenv: ``.venv/bin/python examples/make_warc.py``. The pages are
written for the sample corpus (one English, one Polish to show the language check, one image).
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGES = [
    (
        "https://coastwatch.example/2024/03/07/lithuania-sends-experts",
        "text/html; charset=utf-8",
        """<html><head><meta charset="utf-8">
<title>Lithuania sends chemical experts to Gdynia</title>
<meta property="og:site_name" content="Coast Watch">
<meta name="date" content="2024-03-07"></head><body>
<div class="menu">Home · Region · Energy · Contact</div>
<article><h1>Lithuania sends chemical experts to Gdynia</h1>
<p>Lithuania sent a team of 12 chemical-safety experts to the Polish port of Gdynia on Thursday to
help assess the damage from Tuesday's fuel depot explosion, the Lithuanian government said.</p>
<p>"Our neighbours asked for help and we answered the same day," Lithuanian Prime Minister Ingrida
Šimonytė wrote on social media. The team will test soil and water around the depot.</p>
<p>Polish environmental inspectors said on Wednesday that diesel had leaked into a drainage canal,
but that there was no sign yet of pollution in the harbour basin itself.</p></article>
<div class="share">Share: Facebook · X · Telegram</div>
</body></html>""",
    ),
    (
        "https://wiadomosci.example/2024/03/06/pozar-w-porcie",
        "text/html; charset=utf-8",
        """<html><head><meta charset="utf-8"><title>Pożar w porcie w Gdyni</title></head><body>
<article><h1>Pożar w porcie w Gdyni</h1>
<p>Strażacy przez całą noc gasili pożar składu paliw w porcie kontenerowym w Gdyni. Według
wojewody zginęły co najmniej cztery osoby, a ponad trzydzieści zostało rannych.</p>
<p>Minister spraw wewnętrznych powiedział dziennikarzom, że na tym etapie śledztwa niczego nie
wyklucza. Ruch statków w zachodnim basenie portu został wstrzymany do piątku.</p></article>
</body></html>""",
    ),
    ("https://coastwatch.example/img/depot.png", "image/png", "\x89PNG not really an image"),
]


def main() -> None:
    target = Path(__file__).parent / "corpus" / "archive" / "gdynia-capture.warc.gz"
    with target.open("wb") as output:
        writer = WARCWriter(output, gzip=True)
        for url, content_type, body in PAGES:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(body.encode("utf-8")), http_headers=headers
            )
            writer.write_record(record)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
