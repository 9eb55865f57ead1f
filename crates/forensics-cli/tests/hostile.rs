//! The hostile set: what a crawler brings back, fed to the `forensics`
//! binary. Each case is generated at run time into a temp dir (too large,
//! odd or unportable for git); all cases go through ONE `analyze` run, and
//! each case's share of the outcome is a snapshot: every document (id,
//! source, locator, language), every skip with its reason, and for the
//! decoding cases what `parse` decoded (text head, diagnostics).
//!
//! Checked beyond the snapshots: the binary neither panics nor hangs; it
//! exits 3 (some inputs skipped, the rest analysed); every file created,
//! every JSONL line and every path given appears in `documents` or
//! `skipped`.

use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Builds a case's files under the given dir; returns the arguments to pass.
type Build = fn(&Path) -> Vec<PathBuf>;

struct Case {
    name: &'static str,
    build: Build,
    /// Also snapshot what `forensics parse` decoded (text head, diagnostics).
    decoded: bool,
}

const CASES: &[Case] = &[
    Case { name: "empty", build: empty, decoded: false },
    Case { name: "whitespace-only", build: whitespace_only, decoded: false },
    Case { name: "binary-png", build: binary_png, decoded: false },
    Case { name: "binary-zip", build: binary_zip, decoded: false },
    Case { name: "invalid-utf8", build: invalid_utf8, decoded: true },
    Case { name: "utf16", build: utf16, decoded: true },
    Case { name: "windows-1252", build: windows_1252, decoded: true },
    Case { name: "long-line-50mb", build: long_line, decoded: false },
    Case { name: "many-one-word-lines", build: many_lines, decoded: false },
    Case { name: "article-repeated-1000", build: repeated, decoded: false },
    Case { name: "unsupported-script", build: unsupported_script, decoded: true },
    Case { name: "html-nested-100k", build: html_deep, decoded: false },
    Case { name: "gzip-bomb", build: gzip_bomb, decoded: false },
    Case { name: "truncated-gzip", build: truncated_gzip, decoded: false },
    Case { name: "jsonl-broken-lines", build: jsonl_broken, decoded: false },
    Case { name: "symlink-loop", build: symlink_loop, decoded: false },
    Case { name: "non-utf8-file-name", build: non_utf8_name, decoded: false },
    Case { name: "unreadable", build: unreadable, decoded: false },
];

// ---------------------------------------------------------------- the cases

const ARTICLE: &str = "Storm floods coastal towns\n\nBy Jane Roe\n\n\
LISBON (Reuters) - A storm flooded three coastal towns on Monday, cutting power to 40,000 homes, officials said.\n\n\
\"We have never seen water this high,\" said mayor Ana Silva, who ordered schools closed until Wednesday.\n\n\
Forecasters expect the rain to ease by Tuesday evening as the system moves north towards Galicia.\n";

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> PathBuf {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path.to_path_buf()
}

fn empty(d: &Path) -> Vec<PathBuf> {
    vec![write(&d.join("empty.txt"), b"")]
}

fn whitespace_only(d: &Path) -> Vec<PathBuf> {
    vec![write(&d.join("blank.txt"), " \n\t \r\n   \n\n")]
}

fn binary_png(d: &Path) -> Vec<PathBuf> {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00".to_vec();
    png.extend((0u32..4000).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    write(&d.join("photo.png"), &png);
    write(&d.join("misnamed.txt"), &png);
    vec![d.to_path_buf()]
}

fn binary_zip(d: &Path) -> Vec<PathBuf> {
    let mut zip = b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec();
    zip.extend_from_slice(&[0x3a, 0x8b, 0x52, 0x1e, 5, 0, 0, 0, 5, 0, 0, 0, 9, 0, 0, 0]);
    zip.extend_from_slice(b"story.txthello");
    zip.extend_from_slice(b"PK\x01\x02\x14\x03\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00");
    vec![write(&d.join("archive.zip"), &zip)]
}

fn invalid_utf8(d: &Path) -> Vec<PathBuf> {
    let mut b = ARTICLE.as_bytes().to_vec();
    b.splice(30..30, b"\xff\xfe".iter().copied());
    b.extend_from_slice(b"The damage was put at \xe2\x82 12 million.\n");
    vec![write(&d.join("bad-bytes.txt"), &b)]
}

fn utf16(d: &Path) -> Vec<PathBuf> {
    let units: Vec<u16> = ARTICLE.encode_utf16().collect();
    let le: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
    let be: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
    write(&d.join("le-bom.txt"), [&b"\xff\xfe"[..], &le].concat());
    write(&d.join("be-bom.txt"), [&b"\xfe\xff"[..], &be].concat());
    write(&d.join("le-no-bom.txt"), &le);
    write(&d.join("be-no-bom.txt"), &be);
    vec![d.to_path_buf()]
}

fn windows_1252(d: &Path) -> Vec<PathBuf> {
    let body = b"Minister resigns\n\nThe minister said \x93we will not retreat\x94 \x96 and left the caf\xe9 at noon.\n\n\
It\x92s the third resignation this year, the government\x92s spokesman confirmed on Friday.\n";
    vec![write(&d.join("cp1252.txt"), body)]
}

fn long_line(d: &Path) -> Vec<PathBuf> {
    let line = "flood ".repeat(50 * 1024 * 1024 / 6);
    vec![write(&d.join("one-line.txt"), line)]
}

fn many_lines(d: &Path) -> Vec<PathBuf> {
    const WORDS: [&str; 8] = ["storm", "river", "mayor", "power", "school", "rain", "north", "town"];
    let text: String = (0..100_000).map(|i| WORDS[i % WORDS.len()]).collect::<Vec<_>>().join("\n");
    vec![write(&d.join("lines.txt"), text)]
}

fn repeated(d: &Path) -> Vec<PathBuf> {
    write(&d.join("article.txt"), ARTICLE);
    write(&d.join("repeated.txt"), ARTICLE.repeat(1000));
    vec![d.to_path_buf()]
}

fn unsupported_script(d: &Path) -> Vec<PathBuf> {
    // Ol Chiki (U+1C50..U+1C7F): no language model covers it.
    let word = |i: u32| -> String { (0..5).filter_map(|k| char::from_u32(0x1C5A + (i * 7 + k * 3) % 36)).collect() };
    let sentence = |s: u32| -> String { (0..12).map(|w| word(s * 12 + w)).collect::<Vec<_>>().join(" ") + "᱾" };
    let text = (0..20).map(sentence).collect::<Vec<_>>().join("\n\n");
    vec![write(&d.join("olchiki.txt"), text)]
}

fn html_deep(d: &Path) -> Vec<PathBuf> {
    let n = 100_000;
    let page = format!(
        "<html><head><title>Deep</title></head><body>{}<p>A storm flooded three coastal towns on Monday, officials said.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    vec![write(&d.join("deep.html"), page)]
}

/// Gzip members of 1 MiB of zeros, concatenated: about 1 KB each on disk.
fn zeros_gzip(members: usize) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(&vec![0u8; 1 << 20]).expect("gzip in memory");
    let member = enc.finish().expect("gzip in memory");
    member.repeat(members)
}

fn gzip_bomb(d: &Path) -> Vec<PathBuf> {
    // 1.1 GB once decompressed, past both the document limit (a page) and
    // the decompressed-size limit (a JSONL export).
    let bomb = zeros_gzip(1100);
    write(&d.join("bomb.html.gz"), &bomb);
    write(&d.join("bomb.jsonl.gz"), &bomb);
    vec![d.to_path_buf()]
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("gzip in memory");
    enc.finish().expect("gzip in memory")
}

fn warc_record(uri: &str, html: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-04T05:06:07Z\r\n\
Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    )
    .into_bytes()
}

fn truncated_gzip(d: &Path) -> Vec<PathBuf> {
    let page = format!("<html><head><title>Storm</title></head><body><article><p>{}</p></article></body></html>", ARTICLE.replace("\n\n", "</p><p>"));
    let html = gzip(page.as_bytes());
    write(&d.join("page.html.gz"), &html[..html.len() / 2]);
    // One gzip member per record, as crawlers write them; cut inside the second.
    let first = gzip(&warc_record("https://news.example/a", &page));
    let second = gzip(&warc_record("https://news.example/b", &page.replace("Monday", "Tuesday")));
    write(&d.join("crawl.warc.gz"), [&first[..], &second[..second.len() / 2]].concat());
    vec![d.to_path_buf()]
}

fn jsonl_broken(d: &Path) -> Vec<PathBuf> {
    let good = |id: &str| json!({"id": id, "text": ARTICLE, "title": "Storm floods coastal towns"}).to_string();
    let mut lines: Vec<Vec<u8>> = vec![
        good("first").into_bytes(),
        b"{\"id\": \"cut\", \"text\": \"A storm flo".to_vec(),
        b"not json at all".to_vec(),
        json!({"text": "a record without an id"}).to_string().into_bytes(),
        json!({"id": "no-body", "title": "only a title"}).to_string().into_bytes(),
        b"[1, 2, 3]".to_vec(),
        b"{\"id\": \"bad-utf8\", \"text\": \"caf\xe9\"}".to_vec(),
        json!({"id": 42, "html": "<html><body><p>A storm flooded three coastal towns on Monday.</p></body></html>"}).to_string().into_bytes(),
        json!({"id": "empty-text", "text": ""}).to_string().into_bytes(),
        Vec::new(),
        good("last").into_bytes(),
    ];
    lines.push(Vec::new());
    vec![write(&d.join("export.jsonl"), lines.join(&b'\n'))]
}

fn symlink_loop(d: &Path) -> Vec<PathBuf> {
    let root = d.join("site");
    std::fs::create_dir_all(root.join("news")).expect("mkdir");
    write(&root.join("news/story.txt"), ARTICLE);
    std::os::unix::fs::symlink("..", root.join("news/up")).expect("symlink");
    std::os::unix::fs::symlink("self", root.join("self")).expect("symlink");
    vec![root]
}

fn non_utf8_name(d: &Path) -> Vec<PathBuf> {
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9-story.txt");
    vec![write(&d.join(name), ARTICLE)]
}

fn unreadable(d: &Path) -> Vec<PathBuf> {
    // Tests run as root, so permissions cannot make a file unreadable: a
    // FIFO with no writer, a dangling symlink and a directory named like a
    // page stand in for the read errors a crawl dump has.
    let inner = d.join("dump");
    std::fs::create_dir_all(&inner).expect("mkdir");
    write(&inner.join("ok.txt"), ARTICLE);
    mkfifo(&inner.join("pipe.txt"));
    std::os::unix::fs::symlink("missing.txt", inner.join("gone.txt")).expect("symlink");
    let fifo = d.join("direct-pipe.txt");
    mkfifo(&fifo);
    let dir_page = d.join("page.html");
    std::fs::create_dir_all(&dir_page).expect("mkdir");
    vec![inner, fifo, dir_page]
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().map(|s| s.success()).unwrap_or(false);
    assert!(ok, "mkfifo {}", path.display());
}

// ---------------------------------------------------------------- the harness

fn scratch() -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}


/// Runs the binary with a deadline: a hang (say, opening a FIFO) fails the
/// test instead of blocking CI.
fn forensics(args: &[&std::ffi::OsStr], out_dir: &Path, tag: &str) -> Run {
    let out = out_dir.join(format!("{tag}.stdout"));
    let err = out_dir.join(format!("{tag}.stderr"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_forensics")).env("FORENSICS_NO_DICT", "1")
        .args(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).expect("stdout file"))
        .stderr(std::fs::File::create(&err).expect("stderr file"))
        .spawn()
        .expect("run forensics");
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("forensics {tag}: still running after 120 s (hung)");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code().unwrap_or_else(|| panic!("forensics {tag}: killed by a signal ({status:?})")),
        stdout: std::fs::read(&out).expect("stdout"),
        stderr: String::from_utf8_lossy(&std::fs::read(&err).expect("stderr")).into_owned(),
    }
}

fn redact(v: &mut Value, dir: &str) {
    match v {
        Value::String(s) => *s = s.replace(dir, "[case]"),
        Value::Array(a) => a.iter_mut().for_each(|x| redact(x, dir)),
        Value::Object(o) => o.values_mut().for_each(|x| redact(x, dir)),
        _ => {}
    }
}

fn pick(v: &Value, keys: &[&str]) -> Value {
    Value::Object(keys.iter().map(|k| (k.to_string(), v.get(*k).cloned().unwrap_or(Value::Null))).collect())
}

/// Every file-like entry under `dir` (symlinks not followed), as the paths
/// the binary will report.
fn entries(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut list: Vec<PathBuf> = std::fs::read_dir(dir).expect("read_dir").filter_map(|e| e.ok().map(|e| e.path())).collect();
    list.sort();
    for p in list {
        let meta = std::fs::symlink_metadata(&p).expect("lstat");
        if meta.is_dir() {
            entries(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// One case's share of a run: the records whose source lies under its dir.
fn share<'a>(records: &'a [Value], dir: &str) -> Vec<&'a Value> {
    let prefix = format!("{dir}/");
    records.iter().filter(|r| r["source"].as_str().is_some_and(|s| s == dir || s.starts_with(&prefix))).collect()
}

/// Every file created, every JSONL line and every argument appears among
/// the documents and skips of its case.
fn check_nothing_lost(name: &str, dir: &Path, args: &[PathBuf], records: &[&Value]) {
    let sources: Vec<(&str, Option<&str>)> = records.iter().map(|r| (r["source"].as_str().unwrap_or(""), r["locator"].as_str())).collect();
    let mut files = Vec::new();
    entries(dir, &mut files);
    for f in &files {
        let shown = f.display().to_string();
        assert!(sources.iter().any(|(s, _)| *s == shown), "{name}: {shown} is neither a document nor a skip");
        if shown.ends_with(".jsonl") {
            let text = std::fs::read(f).expect("jsonl");
            for (n, line) in text.split(|&b| b == b'\n').enumerate() {
                let loc = format!("line {}", n + 1);
                let blank = line.iter().all(u8::is_ascii_whitespace);
                assert!(blank || sources.iter().any(|(s, l)| *s == shown && *l == Some(loc.as_str())), "{name}: {shown} {loc} lost");
            }
        }
    }
    for a in args {
        let shown = a.display().to_string();
        assert!(sources.iter().any(|(s, _)| s.starts_with(&shown)), "{name}: argument {shown} produced nothing");
    }
}

/// All cases in ONE run (one bad input must not stop the others; and the
/// pipeline's fixed start-up cost is paid once), then each case's share of
/// the outcome checked and snapshotted.
#[test]
fn hostile_inputs() {
    let root = scratch();
    let mut built = Vec::new();
    for case in CASES {
        let dir = root.join(case.name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("case dir");
        let args = (case.build)(&dir);
        built.push((case, dir, args));
    }
    let all_args: Vec<&std::ffi::OsStr> = built.iter().flat_map(|(_, _, a)| a.iter().map(|p| p.as_os_str())).collect();
    let run = |cmd: &str, args: &[&std::ffi::OsStr]| {
        let mut argv: Vec<&std::ffi::OsStr> = vec![cmd.as_ref(), "--format".as_ref(), "json".as_ref()];
        argv.extend(args);
        let run = forensics(&argv, &root, cmd);
        assert!(!run.stderr.contains("panicked"), "{cmd}: the binary panicked:\n{}", run.stderr);
        let value: Value = serde_json::from_slice(&run.stdout)
            .unwrap_or_else(|e| panic!("{cmd}: exit {}, stdout is not JSON ({e}):\n{}", run.code, run.stderr));
        (run.code, value)
    };
    let (code, analysis) = run("analyze", &all_args);
    assert_eq!(code, 3, "some inputs are skipped, the rest analysed");
    let decoded_args: Vec<&std::ffi::OsStr> =
        built.iter().filter(|(c, _, _)| c.decoded).flat_map(|(_, _, a)| a.iter().map(|p| p.as_os_str())).collect();
    let (_, parsed) = run("parse", &decoded_args);

    let docs = analysis["documents"].as_array().cloned().unwrap_or_default();
    let skips = analysis["skipped"].as_array().cloned().unwrap_or_default();
    let articles = parsed["articles"].as_array().cloned().unwrap_or_default();
    let mut failures = Vec::new();
    let mut accounted = 0;
    for (case, dir, args) in &built {
        let dir_s = dir.display().to_string();
        let (my_docs, my_skips) = (share(&docs, &dir_s), share(&skips, &dir_s));
        accounted += my_docs.len() + my_skips.len();
        let mine: Vec<&Value> = my_docs.iter().chain(&my_skips).copied().collect();
        check_nothing_lost(case.name, dir, args, &mine);
        let mut summary = json!({
            "documents": my_docs.iter().map(|d| pick(d, &["id", "source", "locator", "language"])).collect::<Vec<_>>(),
            "skipped": my_skips,
        });
        if case.decoded {
            let ids: Vec<&str> = my_docs.iter().filter_map(|d| d["id"].as_str()).collect();
            summary["decoded"] = articles
                .iter()
                .filter(|a| a["id"].as_str().is_some_and(|id| ids.contains(&id)))
                .map(|a| {
                    let text = a["text"].as_str().unwrap_or("");
                    json!({
                        "id": a["id"],
                        "text_head": text.chars().take(90).collect::<String>(),
                        "diagnostics": a["diagnostics"].as_array().map(|d| d.iter().map(|x| x["message"].clone()).collect::<Vec<_>>()),
                    })
                })
                .collect();
        }
        redact(&mut summary, &dir_s);
        let outcome = std::panic::catch_unwind(|| {
            insta::with_settings!({ snapshot_suffix => case.name, omit_expression => true, prepend_module_to_snapshot => false }, {
                insta::assert_yaml_snapshot!("hostile", summary);
            });
        });
        if outcome.is_err() {
            failures.push(case.name);
        }
    }
    assert_eq!(accounted, docs.len() + skips.len(), "records outside every case dir");
    let _ = std::fs::remove_dir_all(&root);
    assert!(failures.is_empty(), "snapshots differ: {failures:?}");
}

/// The binary prints the same bytes with one and two worker threads, and
/// across runs.
#[test]
fn analyze_is_deterministic_across_threads_and_runs() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/seeds");
    let run = |threads: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_forensics")).env("FORENSICS_NO_DICT", "1")
            .args(["analyze".as_ref(), "--format".as_ref(), "json".as_ref(), seeds.as_os_str()])
            .env("RAYON_NUM_THREADS", threads)
            .stdin(Stdio::null())
            .output()
            .expect("run forensics");
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let one = run("1");
    assert!(one == run("2"), "1 and 2 threads give different output");
    assert!(one == run("2"), "two runs give different output");
}
