//! The `forensics` binary as a user runs it: outputs, exit codes, error
//! messages, and the HTML report in a real browser.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `forensics ARGS` from the workspace root, without colour or NO_COLOR in the environment.
fn forensics(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_forensics")).env("FORENSICS_NO_DICT", "1").args(args).current_dir(root()).env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE").output().expect("run forensics")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The seeds' analysis as JSON with one thread, computed once for the tests that read it.
fn seeds_json() -> &'static Output {
    static ONCE: std::sync::OnceLock<Output> = std::sync::OnceLock::new();
    ONCE.get_or_init(|| forensics(&["-j", "1", "analyze", "corpus/seeds", "--format", "json"]))
}

/// A small folder of two short documents, for tests that need any input.
fn small() -> String {
    static ONCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ONCE.get_or_init(|| {
        let d = tmp("small");
        std::fs::write(d.join("a.txt"), "Storm hits the coast\n\nA storm hit the coast on Monday, officials said.\n").expect("write");
        std::fs::write(d.join("b.txt"), "Markets rise\n\nShares rose in Tokyo after the central bank held rates.\n").expect("write");
        d.to_string_lossy().into_owned()
    })
    .clone()
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("forensics-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// One case: arguments, the exit code, and what stdout / stderr must contain.
#[track_caller]
fn check(args: &[&str], code: i32, out_has: &[&str], err_has: &[&str]) -> Output {
    let o = forensics(args);
    assert_eq!(o.status.code(), Some(code), "forensics {args:?}\nstderr: {}", stderr(&o));
    for s in out_has {
        assert!(stdout(&o).contains(s), "forensics {args:?}: stdout lacks {s:?}:\n{}", stdout(&o));
    }
    for s in err_has {
        assert!(stderr(&o).contains(s), "forensics {args:?}: stderr lacks {s:?}:\n{}", stderr(&o));
    }
    o
}

#[test]
fn seeds_text_summary() {
    let o = check(&["analyze", "corpus/seeds"], 0, &["004_3dceb87ed35c7edd"], &[]);
    assert!(!stdout(&o).contains('\x1b'), "no colour when piped");
    insta::assert_snapshot!("seeds_text", stdout(&o));
}

#[test]
fn colour_on_request_only() {
    let dir = small();
    let o = check(&["analyze", &dir, "--color", "always"], 0, &[], &[]);
    assert!(stdout(&o).contains("\x1b["));
    let o = Command::new(env!("CARGO_BIN_EXE_forensics")).env("FORENSICS_NO_DICT", "1").args(["analyze", &dir, "--color", "never"]).current_dir(root()).output().expect("run");
    assert!(!stdout(&o).contains('\x1b'));
}

#[test]
fn machine_formats() {
    let o = seeds_json();
    assert!(o.status.success());
    assert!(stdout(o).contains("\"schema\": \"forensics.analysis/1\""));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(json["documents"].as_array().map(Vec::len), Some(5));
    let dir = small();
    let o = check(&["analyze", &dir, "--format", "jsonl"], 0, &[], &[]);
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).expect("jsonl line")).collect();
    assert_eq!(lines.iter().filter(|l| l["record"] == "document").count(), 2);
    assert_eq!(lines[0]["record"], "header");
    check(&["analyze", &dir, "--format", "dot"], 0, &["digraph forensics {", "}\n"], &[]);
}

#[test]
fn same_bytes_with_one_or_two_threads() {
    let one = seeds_json();
    let two = forensics(&["-j", "2", "analyze", "corpus/seeds", "--format", "json"]);
    assert!(one.status.success() && two.status.success());
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn exit_codes_and_errors() {
    // A missing path: one line naming it, exit 1.
    let o = check(&["analyze", "no/such/dir"], 1, &[], &["forensics: no/such/dir: no such file or directory"]);
    assert_eq!(stderr(&o).lines().count(), 1);
    // A bad flag or value: clap's usage error, exit 2.
    check(&["analyze", "corpus/seeds", "--bogus"], 2, &[], &["--bogus"]);
    check(&["analyze", "corpus/seeds", "--format", "pdf"], 2, &[], &["pdf"]);
    check(&["analyze"], 2, &[], &["PATH"]);
    check(&["dedup", "corpus/seeds", "--threshold", "7"], 1, &[], &["--threshold 7: must be between 0 and 1"]);
    // Some inputs skipped: the run finishes, lists them, exit 3.
    let dir = tmp("skips");
    std::fs::write(dir.join("news.jsonl"), "{\"id\": \"a\", \"text\": \"Markets rose on Monday after the report.\"}\n{not json\n{\"text\": \"no id\"}\n").expect("write");
    let d = dir.to_string_lossy().into_owned();
    let o = check(&["analyze", &d], 3, &["skipped (2 inputs not analysed)", "news.jsonl (line 2): invalid JSON", "(line 3): record has no \"id\""], &[]);
    assert!(stdout(&o).contains("1 document"));
    let o = check(&["analyze", &d, "--format", "json"], 3, &[], &["skipped", "line 2"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(json["skipped"].as_array().map(Vec::len), Some(2));
    // A document over --max-doc-bytes is skipped with the reason.
    check(&["analyze", &small(), "--max-doc-bytes", "60", "--quiet"], 3, &["a.txt: document larger than the limit of 60 bytes"], &[]);
}

#[test]
fn stdin_and_quiet() {
    let o = analyze_stdin_output(b"Storm hits the coast\n\nA storm hit the coast on Monday, officials said.\n");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stderr.is_empty());
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(json["documents"][0]["source"], "-");
}

/// Runs `forensics analyze - --format json --quiet` with `input` on stdin.
fn analyze_stdin_output(input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_forensics")).env("FORENSICS_NO_DICT", "1")
        .args(["analyze", "-", "--format", "json", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(input).expect("write");
    child.wait_with_output().expect("wait")
}

/// The analysis of `input` given on stdin.
fn analyze_stdin(input: &[u8]) -> serde_json::Value {
    let o = analyze_stdin_output(input);
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)))
}

#[test]
fn stdin_format_is_told_from_the_bytes() {
    let jsonl = b"{\"id\": \"a\", \"text\": \"A storm hit the coast on Monday, officials said.\", \"title\": \"Storm\"}\n{\"id\": \"b\", \"text\": \"The council met on Tuesday to vote on the harbour budget.\"}\n";
    let json = analyze_stdin(jsonl);
    let ids: Vec<&str> = json["documents"].as_array().expect("documents").iter().filter_map(|d| d["id"].as_str()).collect();
    assert_eq!(ids, ["a", "b"], "each JSONL record is a document");
    // The same records gzip-compressed.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(jsonl).expect("gzip");
    let json = analyze_stdin(&gz.finish().expect("gzip"));
    assert_eq!(json["documents"].as_array().map(Vec::len), Some(2), "{json}");
    // An HTML page goes through the HTML extractor (its <title> is the title).
    let html = b"<!DOCTYPE html><html><head><title>Harbour vote</title></head><body><article><p>The council met on Tuesday to vote on the harbour budget, which grew by a third.</p></article></body></html>";
    let json = analyze_stdin(html);
    assert_eq!(json["documents"][0]["title"], "Harbour vote", "{json}");
}

#[test]
fn broken_pipe_is_not_an_error() {
    let dir = tmp("pipe");
    let mut jsonl = String::new();
    for i in 0..400 {
        jsonl.push_str(&format!("{{\"id\": \"d{i}\", \"text\": \"Report number {i} about the harbour, the council vote {i} and the weather on day {i}.\"}}\n"));
    }
    std::fs::write(dir.join("many.jsonl"), jsonl).expect("write");
    let mut child = Command::new(env!("CARGO_BIN_EXE_forensics")).env("FORENSICS_NO_DICT", "1")
        // `parse` writes through the same output path as `analyze`, without the slower stages.
        .args(["parse", &dir.to_string_lossy(), "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 16];
    child.stdout.take().expect("stdout").read_exact(&mut first).expect("read");
    // Dropping the read end closes the pipe while the output is still being written.
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    assert!(!stderr(&o).to_lowercase().contains("broken pipe"));
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    for sub in ["analyze", "diff", "parse", "clean", "dedup"] {
        check(&[sub, "--help"], 0, &["Example", "Usage: forensics"], &[]);
    }
    check(&["--help"], 0, &["analyze", "diff", "Exit codes"], &[]);
}

#[test]
fn parse_clean_dedup() {
    check(&["parse", "corpus/seeds/004_3dceb87ed35c7edd.txt", "--format", "yaml"], 0, &["articles:", "id: 004_3dceb87ed35c7edd"], &[]);
    check(&["parse", "corpus/seeds"], 0, &["\"articles\""], &[]);
    let out = tmp("clean");
    let d = out.to_string_lossy().into_owned();
    check(&["clean", "corpus/seeds", "--out-dir", &d], 0, &[], &[]);
    let clean = std::fs::read_to_string(out.join("004_3dceb87ed35c7edd.txt")).expect("clean text written");
    assert!(clean.contains("Patrushev"));
    assert_eq!(std::fs::read_dir(&out).expect("dir").count(), 5);
    check(&["clean", "corpus/seeds/004_3dceb87ed35c7edd.txt", "--explain"], 0, &["== 004_3dceb87ed35c7edd (en)", "removed ("], &[]);
    check(&["clean", "corpus/seeds", "--format", "json"], 0, &["\"removed\""], &[]);
    check(&["dedup", "corpus/seeds"], 0, &["family", "documents alone"], &[]);
    let o = check(&["dedup", &small(), "--format", "json", "--threshold", "0.4"], 0, &[], &[]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(json["dedup"]["families"].is_array());
    check(&["dedup", &small(), "--format", "jsonl"], 0, &["{\"record\":\"family\""], &[]);
}

#[test]
fn diff_two_documents() {
    let a = "corpus/seeds/004_3dceb87ed35c7edd.txt";
    let b = "corpus/seeds/002_585954f18c9c2e73.txt";
    let o = check(&["diff", a, b], 0, &["first  004_3dceb87ed35c7edd", "second 002_585954f18c9c2e73", "relation"], &[]);
    insta::assert_snapshot!("diff_004_002", stdout(&o));
    check(&["diff", a, b, "--format", "html"], 0, &["<!DOCTYPE html>", "<del", "<ins"], &[]);
    check(&["diff", a, "corpus/seeds"], 1, &[], &["corpus/seeds: holds 5 documents"]);
    check(&["diff", a, "missing.txt"], 1, &[], &["missing.txt: no such file or directory"]);
}

/// A translation's diff says which sentence renders which: seed 000
/// (Norwegian) of the AP story 004, and a Hindi translation written in
/// Devanagari digits (`corpus/xling`).
#[test]
fn diff_of_a_translation_aligns_sentences() {
    let o = check(&["diff", "corpus/seeds/004_3dceb87ed35c7edd.txt", "corpus/seeds/000_81e1b95f3de8d17a.txt"], 0, &["relation translation", "aligned sentences"], &[]);
    let out = stdout(&o);
    let at = out.find("Patrushev is one of Putin’s closest associates.").expect("an aligned English sentence");
    assert!(out[at..].lines().nth(1).is_some_and(|l| l.contains("Patrushev er en av Putins nærmeste medarbeidere.")), "{out}");
    check(&["diff", "corpus/xling/ferry-en.txt", "corpus/xling/ferry-hi.txt"], 0, &["relation translation", "aligned sentences", "Engineer Piet Marsalek"], &[]);
}

/// Dictionaries are read at run time from `--dict-dir` (never shipped) and
/// `--no-dict` turns them off: a two-word dictionary in dictd format,
/// written here, is the one the analysis reports using; one for a language
/// the corpus does not hold (German, beside Norwegian and English) is not
/// even loaded.
#[test]
fn dictionaries_come_from_dict_dir_and_no_dict_turns_them_off() {
    let dir = tmp("dictd");
    for name in ["freedict-nob-eng", "freedict-deu-eng"] {
        std::fs::write(dir.join(format!("{name}.dict")), "hund\ndog\nkatt\ncat\n").unwrap();
        // Headword, offset and length in dictd's base64 (A = 0, J = 9).
        std::fs::write(dir.join(format!("{name}.index")), "hund\tA\tJ\nkatt\tJ\tJ\n").unwrap();
    }
    let used = |extra: &[&str]| -> serde_json::Value {
        let d = dir.to_string_lossy().into_owned();
        let mut args = vec!["analyze", "corpus/seeds", "--format", "json", "--dict-dir", d.as_str()];
        args.extend(extra);
        let o = Command::new(env!("CARGO_BIN_EXE_forensics")).env_remove("FORENSICS_NO_DICT").args(&args).current_dir(root()).output().expect("run forensics");
        serde_json::from_slice::<serde_json::Value>(&o.stdout).expect("json")["tool"]["dictionaries"].clone()
    };
    assert_eq!(used(&[]), serde_json::json!(["freedict-nob-eng"]));
    assert_eq!(used(&["--no-dict"]), serde_json::json!([]));
}

/// The HTML report of the seeds, rendered by headless Chromium: the graph has
/// one edge per relation, and the altered quote sits inside a marked change.
#[test]
fn html_report_in_a_browser() {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let Some(chromium) = ["chromium", "chromium-browser"].into_iter().flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name))).find(|p| p.is_file()) else {
        // Any CI value but an explicit no (GitHub and .ci/run say "true", others "1").
        if std::env::var("CI").is_ok_and(|v| !matches!(v.to_ascii_lowercase().as_str(), "" | "0" | "false" | "no")) {
            panic!("chromium is required under CI (apt-get install chromium)");
        }
        eprintln!("SKIPPED html_report_in_a_browser: chromium not found (apt-get install chromium)");
        return;
    };
    let dir = tmp("html");
    let report = dir.join("report.html");
    let r = report.to_string_lossy().into_owned();
    check(&["analyze", "corpus/seeds", "--format", "html", "--out", &r], 0, &[], &[]);
    let analysis: serde_json::Value = serde_json::from_slice(&seeds_json().stdout).expect("json");
    let relations = analysis["relations"].as_array().map(Vec::len).unwrap_or(0);
    let html = std::fs::read_to_string(&report).expect("report");
    assert!(!html.contains("<script"), "the report itself runs no script");
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"), "no external asset");
    // The test's copy allows one inline script that writes what the browser sees into the DOM.
    let probe = r#"<script>
const edges = [...document.querySelectorAll('svg.graph path.edge')];
const drawn = edges.filter(e => { const b = e.getBBox(); return b.width + b.height > 0; }).length;
const marked = [...document.querySelectorAll('del, ins, mark.change')].filter(e => e.textContent.includes('china and Kremlin')).length;
document.body.setAttribute('data-edges', edges.length);
document.body.setAttribute('data-drawn', drawn);
document.body.setAttribute('data-marked', marked);
</script></body>"#;
    let copy = html.replace("<meta http-equiv=\"Content-Security-Policy\"", "<meta name=\"csp-removed-for-test\"").replace("</body>", probe);
    let probed = dir.join("probed.html");
    std::fs::write(&probed, copy).expect("write");
    let profile = dir.join("profile");
    let mut child = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", probed.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut dom = String::new();
    let mut out = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    dom.push_str(&reader.join().expect("reader"));
    let attr = |name: &str| -> Option<usize> {
        let at = dom.find(&format!("{name}=\""))? + name.len() + 2;
        dom[at..].split('"').next()?.parse().ok()
    };
    assert_eq!(attr("data-edges"), Some(relations), "edges in the rendered graph");
    assert_eq!(attr("data-drawn"), Some(relations), "edges with a visible shape");
    assert!(attr("data-marked").unwrap_or(0) >= 1, "\"china and Kremlin\" inside a marked change");
}

/// The seeds' report stands alone: no script, stylesheet, font or image
/// fetched from anywhere (references inside the file, `url(#arrow)`, only).
#[test]
fn html_report_is_self_contained() {
    let o = check(&["analyze", "corpus/seeds", "--format", "html"], 0, &["<svg", "<del", "<ins", "<mark"], &[]);
    let html = stdout(&o);
    for banned in ["<script", "<link", "<img", "<iframe", "@import", "src=\"http", "href=\"http", "src='http", "href='http", "url(http", "url(\"", "url('", "//fonts."] {
        assert!(!html.contains(banned), "the report holds {banned:?}");
    }
    let urls: Vec<&str> = html.match_indices("url(").map(|(i, _)| &html[i..(i + 6).min(html.len())]).collect();
    assert!(urls.iter().all(|u| u.starts_with("url(#")), "a url() that is not a fragment: {urls:?}");
}

/// `--format dot` is a graph Graphviz draws: one edge per relation plus the
/// lost intermediate's edges, as the analysis counts them.
#[test]
fn dot_renders_in_graphviz() {
    let analysis: serde_json::Value = serde_json::from_slice(&seeds_json().stdout).expect("json");
    let relations = analysis["relations"].as_array().map(Vec::len).unwrap_or(0);
    let intermediate_edges: usize = analysis["families"].as_array().into_iter().flatten().flat_map(|f| f["intermediates"].as_array().into_iter().flatten()).map(|i| 1 + i["members"].as_array().map(Vec::len).unwrap_or(0)).sum();
    let o = check(&["-j", "1", "analyze", "corpus/seeds", "--format", "dot"], 0, &["digraph forensics {"], &[]);
    let dot = stdout(&o);
    assert_eq!(dot.matches(" -> ").count(), relations + intermediate_edges);
    assert_eq!(dot.matches('{').count(), dot.matches('}').count());
    let Ok(mut child) = Command::new("dot").arg("-Tsvg").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn() else {
        eprintln!("SKIPPED graphviz rendering in dot_renders_in_graphviz: `dot` not found (apt-get install graphviz)");
        return;
    };
    child.stdin.take().expect("stdin").write_all(dot.as_bytes()).expect("write");
    let svg = child.wait_with_output().expect("dot");
    assert!(svg.status.success() && svg.stderr.is_empty(), "dot: {}", String::from_utf8_lossy(&svg.stderr));
    assert_eq!(String::from_utf8_lossy(&svg.stdout).matches("class=\"edge\"").count(), relations + intermediate_edges);
}

/// `--out FILE` writes exactly what standard output gets (text without colour).
#[test]
fn out_file_holds_the_same_bytes() {
    let dir = tmp("out");
    for format in ["text", "json", "jsonl", "html", "dot"] {
        let path = dir.join(format!("seeds.{format}"));
        let p = path.to_string_lossy().into_owned();
        let to_file = check(&["-j", "1", "analyze", "corpus/seeds", "--format", format, "--out", &p], 0, &[], &[]);
        assert!(to_file.stdout.is_empty(), "{format}: nothing on stdout with --out");
        let piped = check(&["-j", "1", "analyze", "corpus/seeds", "--format", format], 0, &[], &[]);
        assert_eq!(std::fs::read(&path).expect("written"), piped.stdout, "{format}");
    }
    // Refused before the run, on one line.
    let o = check(&["analyze", "corpus/seeds", "--format", "json", "--out", "no/such/dir/a.json"], 1, &[], &["forensics: no/such/dir/a.json: cannot write: no such directory no/such/dir"]);
    assert_eq!(stderr(&o).lines().count(), 1);
    check(&["diff", "corpus/seeds/004_3dceb87ed35c7edd.txt", "corpus/seeds/002_585954f18c9c2e73.txt", "--out", "corpus"], 1, &[], &["forensics: corpus: cannot write: is a directory"]);
}

/// Usage errors are one line too, and exit 2; help stays as clap prints it.
#[test]
fn usage_errors_on_one_line() {
    for (args, has) in [
        (&["analyze", "corpus/seeds", "--frobnicate"][..], "unexpected argument '--frobnicate' found; tip: a similar argument exists: '--format' (usage: forensics analyze"),
        (&["analyze", "corpus/seeds", "--format", "pdf"][..], "invalid value 'pdf' for '--format <FORMAT>' [possible values: text, json, jsonl, html, dot]"),
        (&["diff", "a.txt"][..], "the following required arguments were not provided: <B> (usage: forensics diff <A> <B>)"),
        (&["-j", "many", "analyze", "corpus/seeds"][..], "invalid value 'many' for '--threads <N>'"),
    ] {
        let o = check(args, 2, &[], &[has]);
        assert_eq!(stderr(&o).lines().count(), 1, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).starts_with("forensics: "));
    }
    let o = check(&["analyze", "--help"], 0, &["Usage: forensics analyze", "Examples:"], &[]);
    assert!(o.stderr.is_empty());
}

/// Inputs that cannot be read inside a directory are skipped and listed (the
/// summary and stderr name the path and the cause), the rest is analysed, exit 3.
#[test]
fn unreadable_inputs_are_skipped_and_listed() {
    let dir = tmp("unreadable");
    let news = dir.join("news");
    std::fs::create_dir_all(news.join("closed")).expect("mkdir");
    std::fs::write(news.join("ok.txt"), "Storm hits the coast\n\nA storm hit the coast on Monday, officials said.\n").expect("write");
    std::os::unix::fs::symlink("gone.txt", news.join("dangling.txt")).expect("symlink");
    let d = news.to_string_lossy().into_owned();
    let o = check(&["analyze", &d], 3, &["1 document", "skipped (1 input not analysed)", "dangling.txt: cannot read: No such file or directory"], &[]);
    assert!(!stdout(&o).contains("ok.txt:"));
    check(&["analyze", &d, "--format", "json"], 3, &["\"skipped\""], &["forensics: skipped ", "dangling.txt: cannot read: No such file or directory"]);
    check(&["analyze", &d, "--format", "json", "--quiet"], 3, &[], &[]);
    // Permissions: a file and a directory no one may read. Root reads them
    // anyway, so there the binary runs as `nobody` where setpriv allows it.
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(news.join("locked.txt"), "Locked story\n\nNobody may read this file.\n").expect("write");
    std::fs::write(news.join("closed/inner.txt"), "Inner story\n\nNobody may list this folder.\n").expect("write");
    for p in [&dir, &news] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    std::fs::set_permissions(news.join("ok.txt"), std::fs::Permissions::from_mode(0o644)).expect("chmod");
    std::fs::set_permissions(news.join("locked.txt"), std::fs::Permissions::from_mode(0o000)).expect("chmod");
    std::fs::set_permissions(news.join("closed"), std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let bin = env!("CARGO_BIN_EXE_forensics");
    let o = if std::fs::read(news.join("locked.txt")).is_err() {
        Command::new(bin).env("FORENSICS_NO_DICT", "1").args(["analyze", &d]).output().expect("run")
    } else {
        let as_nobody = Command::new("setpriv").args(["--reuid=65534", "--regid=65534", "--clear-groups", bin, "analyze", &d]).env("FORENSICS_NO_DICT", "1").output();
        match as_nobody {
            // 126/127: setpriv could not run the binary (a path nobody may not enter).
            Ok(o) if !matches!(o.status.code(), Some(126) | Some(127)) && !stderr(&o).contains("setpriv:") => o,
            _ => {
                eprintln!("SKIPPED the permission part of unreadable_inputs_are_skipped_and_listed: running as root without a usable setpriv");
                return;
            }
        }
    };
    assert_eq!(o.status.code(), Some(3), "stderr: {}", stderr(&o));
    for s in ["locked.txt: cannot open: Permission denied", "closed: cannot read directory: Permission denied", "dangling.txt: cannot read"] {
        assert!(stdout(&o).contains(s), "stdout lacks {s:?}:\n{}", stdout(&o));
    }
    assert!(stdout(&o).contains("1 document"));
}

/// JSONL records in the shape news datasets export: metadata goes through
/// to the analysis; one record per document, its id kept.
#[test]
fn jsonl_records_with_metadata() {
    let dir = tmp("jsonl");
    let text = "A storm flooded three coastal towns on Monday, cutting power to 40,000 homes, officials said. Forecasters expect the rain to ease by Tuesday evening.";
    let records = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "wire-1", "text": text, "title": "Storm floods coast", "date": "2024-03-04", "url": "https://example.org/a", "language": "en"}),
        serde_json::json!({"id": "blog-7", "text": format!("{text} Schools stay closed.")})
    );
    std::fs::write(dir.join("news.jsonl"), records).expect("write");
    let p = dir.join("news.jsonl").to_string_lossy().into_owned();
    let o = check(&["analyze", &p, "--format", "json"], 0, &[], &[]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let docs = json["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 2);
    let wire = docs.iter().find(|d| d["id"] == "wire-1").expect("wire-1");
    assert_eq!(wire["title"], "Storm floods coast");
    assert_eq!(wire["url"], "https://example.org/a");
    assert_eq!(wire["language"], "en");
    assert!(wire["published"].as_str().is_some_and(|d| d.starts_with("2024-03-04")), "{wire}");
    assert_eq!(wire["locator"], "line 1");
    assert!(docs.iter().any(|d| d["id"] == "blog-7"));
}

/// `-v` prints each stage's time on stderr; without a terminal there are no
/// progress bars, so stderr stays empty otherwise.
#[test]
fn verbose_timings_and_no_bars_without_a_terminal() {
    let dir = small();
    let o = check(&["analyze", &dir, "--format", "json"], 0, &[], &[]);
    assert!(o.stderr.is_empty(), "no progress drawn into a pipe: {}", stderr(&o));
    let o = check(&["-v", "analyze", &dir, "--format", "json"], 0, &[], &[]);
    for stage in ["parse", "clean", "dedup", "provenance"] {
        let line = stderr(&o).lines().find(|l| l.starts_with(&format!("forensics: {stage}: "))).map(str::to_owned);
        assert!(line.as_deref().is_some_and(|l| l.ends_with(" ms")), "no timing for {stage}: {}", stderr(&o));
    }
}

/// On a terminal (a pseudo-terminal from util-linux `script`): colour on
/// stdout and progress on stderr, none with NO_COLOR / --quiet.
#[test]
fn colour_and_progress_on_a_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("SKIPPED colour_and_progress_on_a_terminal: `script` (util-linux) not found");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_forensics");
    // The seeds take long enough for the bars to be drawn at least once.
    let dir = "corpus/seeds";
    let run = |extra: &str, env: Option<(&str, &str)>| -> String {
        let mut cmd = Command::new("script");
        cmd.args(["-qec", &format!("{bin} {extra} analyze {dir}"), "/dev/null"]).current_dir(root()).env("FORENSICS_NO_DICT", "1").env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE").env("TERM", "xterm");
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        let o = cmd.output().expect("script");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let tty = run("", None);
    assert!(tty.contains("\x1b[1mstory") || tty.contains("\x1b[1munique"), "colour on a terminal: {tty:?}");
    assert!(tty.contains("\x1b[2K"), "progress drawn and cleared on a terminal");
    let plain = run("--quiet", Some(("NO_COLOR", "1")));
    assert!(!plain.contains('\x1b'), "no colour with NO_COLOR, no progress with --quiet: {plain:?}");
}

/// A diff across languages: the translation's aligned sentences, as text and HTML.
#[test]
fn diff_across_languages() {
    let a = "corpus/seeds/004_3dceb87ed35c7edd.txt";
    let b = "corpus/seeds/000_81e1b95f3de8d17a.txt";
    let o = check(&["diff", a, b], 0, &["(original, en)", "(translation, nb)", "relation translation", "aligned sentences ("], &[]);
    assert!(stdout(&o).contains("Patrushev er en av Putins nærmeste medarbeidere."));
    let o = check(&["diff", a, b, "--format", "html"], 0, &["<!DOCTYPE html>", "translation"], &[]);
    let html = stdout(&o);
    assert!(html.contains("Patrushev is one of Putin’s closest associates") && html.contains("Patrushev er en av Putins nærmeste medarbeidere"), "both texts side by side");
}

/// The README's tour shows real output: every ```text block that starts
/// with `$ forensics …` is what that command prints now. When the output
/// changes on purpose, paste the new output into README.md.
#[test]
fn readme_tour_is_real_output() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let mut shown = 0;
    for block in readme.split("```text\n").skip(1).filter_map(|b| b.split("```").next()) {
        let Some((command, expected)) = block.split_once('\n') else { continue };
        let Some(args) = command.strip_prefix("$ forensics ") else { continue };
        let args: Vec<&str> = args.split_whitespace().collect();
        let o = forensics(&args);
        assert_eq!(stdout(&o), expected, "README.md shows stale output for `forensics {}`: paste the new output into it", args.join(" "));
        shown += 1;
    }
    assert!(shown >= 2, "the tour shows `forensics analyze` and `forensics diff`");
}
