"""Hand-made hostile inputs, each with what eventsift must make of it.

Every case is a file name, its bytes, and the expected outcome: READABLE
(a Document comes out; `must_contain` is in its text) or the reason words
of the one error line that names it. Used by the reliability tests and by
benchmarks/soak.py. Contents are generated (seeded), never downloaded.
"""
from __future__ import annotations

import gzip
import json
import random
from dataclasses import dataclass
from pathlib import Path

ATTACK = "A drone attack hit a military base near Mosul on Monday, killing three soldiers, officials said."
SECOND = "The attack caused a large fire at the base, the provincial governor told reporters."
READABLE = "document"


@dataclass(frozen=True)
class HostileCase:
    name: str
    content: bytes
    expect: str  # READABLE, or words of the reason on the error line
    must_contain: str = ""  # for READABLE cases: text the document keeps

    @property
    def readable(self) -> bool:
        return self.expect == READABLE


def _report(extra: str = "", tag: str = "") -> str:
    """The attack report; `tag` makes each case's content its own (copies are stored once)."""
    return f"{ATTACK} {extra}{SECOND}{f' Bulletin {tag}.' if tag else ''}\n"


def _gzip_truncated() -> bytes:
    lines = "".join(json.dumps({"id": f"t{i}", "text": _report()}) + "\n" for i in range(50))
    packed = gzip.compress(lines.encode(), mtime=0)
    return packed[: len(packed) // 2]


def _nested_html(depth: int) -> bytes:
    return ("<html><body>" + "<div>" * depth + f"<p>{ATTACK}</p>" + "</div>" * depth
            + "</body></html>").encode()


def binary_cases(rng: random.Random) -> list[HostileCase]:
    noise = bytes(rng.randrange(256) for _ in range(4096))
    return [
        HostileCase("empty.txt", b"", "empty input"),
        HostileCase("blank.txt", b"  \n\t\r\n   ", "empty input"),
        HostileCase("noise.bin", noise, "binary data"),
        HostileCase("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise, "binary data"),
        HostileCase("packed.txt", gzip.compress(_report().encode() * 20, mtime=0), "binary data"),
        HostileCase("nul-padded.txt", _report().encode() + b"\x00" * 600 + noise[:400], "binary data"),
        HostileCase("utf16-noise.txt", b"\xff\xfe" + noise, "invalid UTF-16"),
        HostileCase("elf.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + noise, "binary data"),
    ]


def encoding_cases() -> list[HostileCase]:
    quote = "\u201cThe strike was massive\u201d \u2014 caf\u00e9 owners said. "
    return [
        HostileCase("invalid-utf8.txt", _report(tag="u8").encode() + b"\xff\xfe\xc3\x28 \x80\x81 torn.\n",
                    READABLE, "Mosul"),
        HostileCase("utf16-le-bom.txt", _report(quote, "le-bom").encode("utf-16"), READABLE, "\u201cThe strike"),
        HostileCase("utf16-be-bom.txt", b"\xfe\xff" + _report(quote, "be-bom").encode("utf-16-be"),
                    READABLE, "caf\u00e9"),
        HostileCase("utf16-le-plain.txt", _report(quote, "le").encode("utf-16-le"), READABLE, "Mosul"),
        HostileCase("utf16-be-plain.txt", _report(quote, "be").encode("utf-16-be"), READABLE, "Mosul"),
        HostileCase("cp1252.txt", _report(quote, "cp").encode("cp1252"), READABLE,
                    "\u201cThe strike was massive\u201d \u2014 caf\u00e9"),
        HostileCase("latin1.txt", _report("Sa\u00efda and M\u00fcnster residents fled. ", "l1").encode("latin-1"),
                    READABLE, "Sa\u00efda"),
        HostileCase("utf8-bom.txt", b"\xef\xbb\xbf" + _report(tag="bom").encode(), READABLE, "A drone attack"),
    ]


def markup_cases() -> list[HostileCase]:
    article = f"<html><head><title>Strike</title></head><body><article><p>{ATTACK}</p><p>{SECOND}</p>"
    return [
        HostileCase("truncated.html", (article + "<p>The gover").encode(), READABLE, "Mosul"),
        HostileCase("unclosed.html", (f"<html><body><p>{ATTACK}<p>{SECOND} Crews worked all night."
                                      "<div><span><b><i>").encode(), READABLE, "Mosul"),
        HostileCase("nested.html", _nested_html(100_000), "no article text"),
        HostileCase("scripts-only.html", b"<html><body>" + b"<script>var x = 1;</script>" * 200
                    + b"</body></html>", "no article text"),
        HostileCase("comment-bomb.html", ("<html><body><!--" + "-- >" * 20_000 + f"<p>{ATTACK}</p>"
                                          "</body></html>").encode(), "no article text"),
        HostileCase("entities.html", (article.replace("Strike<", "Strike again<")
                                      .replace("Monday", "Monday&#0;&#xD800;&#99999999;&bogus;")
                                      + "</article></body></html>").encode(), READABLE, "Mosul"),
    ]


def script_cases() -> list[HostileCase]:
    return [
        HostileCase("arabic.txt", "قصفت طائرة مسيرة قاعدة عسكرية قرب الموصل يوم الاثنين مما أسفر عن مقتل "
                    "ثلاثة جنود بحسب مسؤولين.\n".encode(), "not English"),
        HostileCase("chinese.txt", "周一，一架无人机袭击了摩苏尔附近的一个军事基地，造成三名士兵死亡。".encode(),
                    "not English"),
        HostileCase("french.txt", "Un drone a frappé une base militaire près de Mossoul lundi, tuant trois "
                    "soldats, ont déclaré les responsables.\n".encode(), "not English"),
        HostileCase("russian.txt", "Беспилотник атаковал военную базу возле Мосула в понедельник, погибли "
                    "три солдата, сообщили официальные лица.\n".encode(), "not English"),
        HostileCase("english-with-quotes.txt", _report("Residents shouted «Слава Україні» and "
                    "\u0627\u0644\u0644\u0647 \u0623\u0643\u0628\u0631 as smoke rose. ", "quotes").encode(),
                    READABLE, "Слава"),
        HostileCase("rtl-override.txt", _report("The statement \u202eevil\u202c was read aloud. ", "rtl").encode(),
                    READABLE, "The statement evil was read aloud."),
        HostileCase("terminal-escapes.txt", _report("\x1b]0;owned\x07\x1b[2J\x1b[31mRed\x1b[0m text. ", "esc").encode(),
                    READABLE, "Mosul"),
    ]


def jsonl_lines() -> list[tuple[bytes, str]]:
    """Lines of one JSONL file, each with its expected outcome."""
    good = json.dumps({"id": "good-1", "text": _report(tag="j1"), "published": "2024-10-07"})
    return [
        (good.encode(), READABLE),
        (b"{not json", "malformed JSON"),
        (b"[1, 2, 3]", "not an object"),
        (b'"just a string"', "not an object"),
        (b'{"text": 5}', "is not a string"),
        (b'{"html": ["a"]}', "is not a string"),
        (b'{"title": "no body"}', "no 'text' or 'html' key"),
        (b"[" * 100_000 + b"]" * 100_000, "malformed JSON"),
        (b'{"text": "\xff\xfe torn"}', "malformed JSON"),
        (json.dumps({"id": "good-2", "html": f"<html><body><p>{ATTACK} Bulletin j2.</p></body></html>",
                     "published": "9999-99-99", "url": 12}).encode(), READABLE),
        (json.dumps({"id": "\x1b[2Jwipe\nnext", "text": _report(tag="j3"), "title": "T\x1b[31m\u202eitle"}).encode(),
         READABLE),
    ]


def container_cases() -> list[HostileCase]:
    jsonl = b"\n".join(line for line, _ in jsonl_lines()) + b"\n"
    return [
        HostileCase("cut.jsonl.gz", _gzip_truncated(), "cannot read"),
        HostileCase("not-gzip.jsonl.gz", b"plain text, not gzip\n", "cannot read"),
        HostileCase("broken.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort",
                    "not a readable WARC"),
        HostileCase("lines.jsonl", jsonl, "per line"),
    ]


def hostile_cases(seed: int = 7) -> list[HostileCase]:
    rng = random.Random(seed)
    return binary_cases(rng) + encoding_cases() + markup_cases() + script_cases() + container_cases()


def write_cases(folder: Path, cases: list[HostileCase]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for case in cases:
        (folder / case.name).write_bytes(case.content)
