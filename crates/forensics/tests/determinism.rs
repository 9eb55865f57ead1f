//! Same input, same bytes: the analysis JSON does not depend on the number
//! of worker threads nor on the run. Checked on the seed documents and on a
//! mixed set made to give the pipeline work (copies, rewrites, reordered
//! paragraphs, another language, JSONL records), in-process with rayon pools
//! of one and two threads.

use forensics::input::{read_paths, Format, Hints, Inputs, Limits, RawDocument};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The analysis as the CLI prints it, computed on a pool of `threads`.
fn analysis_json(inputs: &Inputs, threads: usize) -> String {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
    let inputs = Inputs { documents: inputs.documents.clone(), skipped: inputs.skipped.clone() };
    let analysis = pool.install(|| forensics::analyze_inputs(inputs, &forensics::Config::portable()));
    serde_json::to_string_pretty(&analysis).expect("serialises")
}

fn check(name: &str, inputs: &Inputs) {
    assert!(!inputs.documents.is_empty(), "{name}: no documents");
    let one = analysis_json(inputs, 1);
    let two = analysis_json(inputs, 2);
    let again = analysis_json(inputs, 2);
    assert!(one == two, "{name}: 1 and 2 threads differ at byte {}", first_difference(&one, &two));
    assert!(two == again, "{name}: two runs differ at byte {}", first_difference(&two, &again));
}

fn first_difference(a: &str, b: &str) -> String {
    let at = a.bytes().zip(b.bytes()).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    let show = |s: &str| s.get(at.saturating_sub(60)..(at + 60).min(s.len())).unwrap_or("").to_string();
    format!("{at}:\n--- one\n{}\n--- other\n{}", show(a), show(b))
}

fn doc(id: &str, format: Format, text: String) -> RawDocument {
    RawDocument { id: id.into(), source: format!("mixed/{id}"), locator: None, format, bytes: text.into_bytes(), hints: Hints::default() }
}

/// Variants of each seed a newsroom would make: a verbatim copy, a copy
/// with paragraphs dropped and a number changed, paragraphs reordered; plus
/// an HTML page and a document in another language.
fn mixed() -> Inputs {
    let mut inputs = read_paths(&[root().join("corpus/seeds")], &Limits::default()).expect("corpus/seeds");
    let seeds: Vec<(String, String)> =
        inputs.documents.iter().map(|d| (d.id.clone(), String::from_utf8_lossy(&d.bytes).into_owned())).collect();
    for (i, (id, text)) in seeds.iter().enumerate() {
        let paras: Vec<&str> = text.split("\n\n").collect();
        inputs.documents.push(doc(&format!("{id}-copy"), Format::Text, text.clone()));
        let trimmed: Vec<&str> = paras.iter().copied().enumerate().filter(|(k, _)| k % 3 != 2).map(|(_, p)| p).collect();
        inputs.documents.push(doc(&format!("{id}-trim"), Format::Text, trimmed.join("\n\n").replacen('1', "7", 1)));
        let mut shuffled = paras.clone();
        shuffled.rotate_left(i % paras.len().max(1));
        inputs.documents.push(doc(&format!("{id}-moved"), Format::Text, shuffled.join("\n\n")));
        let html = paras.iter().map(|p| format!("<p>{}</p>", p.replace('<', "&lt;"))).collect::<String>();
        inputs.documents.push(doc(&format!("{id}-page"), Format::Html, format!("<html><body><article>{html}</article></body></html>")));
    }
    // Same id twice: the clash is renamed in input order, not thread order.
    inputs.documents.push(doc("dup", Format::Text, "Markets rose on Monday after the central bank held rates.".into()));
    inputs.documents.push(doc("dup", Format::Text, "Markets rose on Monday after the central bank held rates.".into()));
    inputs.documents.push(doc("de", Format::Text, "Die Märkte stiegen am Montag, nachdem die Zentralbank die Zinsen unverändert ließ.".into()));
    inputs
}

#[test]
fn seeds_same_bytes_whatever_the_threads() {
    let inputs = read_paths(&[root().join("corpus/seeds")], &Limits::default()).expect("corpus/seeds");
    check("corpus/seeds", &inputs);
}

#[test]
fn mixed_set_same_bytes_whatever_the_threads() {
    check("mixed", &mixed());
}
