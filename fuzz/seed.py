#!/usr/bin/env python3
"""Writes the fuzz seed corpora fuzz/corpus/<target>/ from the documents in
corpus/ (generated, not committed: rerun after corpus/ changes).

    python3 fuzz/seed.py
"""
import gzip
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus"


def documents():
    """Every document file under corpus/ except the truth folder, decompressed."""
    for p in sorted((ROOT / "corpus").rglob("*")):
        if not p.is_file() or "truth" in p.relative_to(ROOT / "corpus").parts:
            continue
        data = p.read_bytes()
        name = p.name.lower()
        if name.endswith(".gz"):
            try:
                data = gzip.decompress(data)
            except Exception:
                continue
            name = name[:-3]
        yield p, name, data


def put(target, name, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def warc_record(uri, payload):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + payload
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\n"
        "WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        "Content-Length: %d\r\n\r\n" % (uri, len(http))
    ).encode()
    return head + http + b"\r\n\r\n"


def warc_request(uri):
    """A request record: read, counted, never a document."""
    http = b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n"
    head = (
        "WARC/1.1\r\nWARC-Type: request\r\nWARC-Target-URI: %s\r\n"
        "Content-Type: application/http; msgtype=request\r\nContent-Length: %d\r\n\r\n" % (uri, len(http))
    ).encode()
    return head + http + b"\r\n\r\n"


def main():
    texts, lines, warc = [], [], []
    for p, name, data in documents():
        stem = p.name.replace(".", "_")
        if name.endswith((".html", ".htm")):
            put("html", stem, data)
            warc.append(warc_record("https://example.org/" + stem, data))
        elif name.endswith(".warc"):
            put("warc", stem, data)
        elif name.endswith(".jsonl"):
            put("jsonl", stem, data)
        else:
            put("parse_text", stem, data)
            texts.append(data)
            text = data.decode("utf-8", "replace")
            lines.append(json.dumps({"id": stem, "text": text, "title": text.split("\n", 1)[0]}, ensure_ascii=False))
            paras = "".join("<p>%s</p>\n" % l for l in text.split("\n") if l.strip())
            page = ("<html><head><title>%s</title></head><body><article>%s</article></body></html>" % (stem, paras)).encode()
            put("html", stem + "_wrapped", page)
            warc.append(warc_record("https://example.org/" + stem, page))
    if lines:
        put("jsonl", "seeds.jsonl", ("\n".join(lines) + "\n").encode())
        put("jsonl", "mixed.jsonl", (lines[0] + "\n{broken\n" + '{"id": 7, "html": "<p>x</p>"}\n{"text": "no id"}\n').encode())
    if warc:
        put("warc", "seeds.warc", b"".join(warc))
        # Small single-record files too: the fuzzer mutates those fastest.
        for i, r in enumerate(warc[:8]):
            put("warc", "record%d.warc" % i, r)
        # Common Crawl style: one gzip member per record (mtime 0: same bytes
        # every run); and the first record alone, compressed and truncated.
        put("warc", "seeds.warc.gz", b"".join(gzip.compress(r, mtime=0) for r in warc))
        put("warc", "one.warc.gz", gzip.compress(warc[0], mtime=0))
        put("warc", "truncated.warc.gz", gzip.compress(warc[0], mtime=0)[:200])
        put("warc", "two_kinds.warc", warc[0] + warc_request("https://example.org/") + warc[-1])
    if texts:
        put("analyze", "all", b"\xff".join(texts))
        # A copy and a trimmed rewrite, so dedup and provenance have work.
        first = texts[0]
        put("analyze", "copy", first + b"\xff" + first + b"\xff" + first[: len(first) // 2])
    for target in ("parse_text", "html", "jsonl", "warc", "analyze"):
        (OUT / target).mkdir(parents=True, exist_ok=True)
    print("seeded", ", ".join("%s: %d" % (t.name, len(list(t.iterdir()))) for t in sorted(OUT.iterdir())))


if __name__ == "__main__":
    main()
