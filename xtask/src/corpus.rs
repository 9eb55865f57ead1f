//! `cargo xtask corpus`: run the pipeline over `corpus/` and compare with the truth files.

use anyhow::{bail, Result};
use std::collections::BTreeMap;

pub fn run(_args: &[String]) -> Result<()> {
    let root = crate::root();
    let truth_dir = root.join("corpus/truth");
    let mut failures = 0;
    let mut checks = 0;
    let mut sets: Vec<_> = std::fs::read_dir(&truth_dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    sets.sort();
    for truth_path in sets {
        let name = truth_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let docs_dir = root.join("corpus").join(&name);
        let truth: Vec<serde_json::Value> = std::fs::read_to_string(&truth_path)?
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()?;
        let inputs = forensics::input::read_paths(&[docs_dir], &Default::default())?;
        // Metadata the parser must find (truth lines with a `meta` object).
        let articles: BTreeMap<String, forensics::parse::Article> =
            inputs.documents.iter().map(|raw| (raw.id.clone(), forensics::parse_document(raw))).collect();
        for t in &truth {
            let id = t["id"].as_str().unwrap_or_default();
            let Some(want) = t["meta"].as_object() else { continue };
            let have = articles.get(id).map(meta_fields).unwrap_or_default();
            for (field, want) in want {
                checks += 1;
                let got = have.get(field.as_str()).cloned().unwrap_or(serde_json::Value::Null);
                let ok = &got == want;
                failures += usize::from(!ok);
                println!("{} {name}/{id} meta.{field}: want {want} got {got}", if ok { "ok  " } else { "FAIL" });
            }
        }
        // Evaluation packs are scored by `cargo xtask eval`, not held to
        // every document's answer.
        if crate::eval_analysis::BUNDLED.contains(&name.as_str()) {
            continue;
        }
        let analysis = forensics::analyze_inputs(inputs, &forensics::Config::portable());
        let got: BTreeMap<&str, _> = analysis.documents.iter().map(|d| (d.id.as_str(), d)).collect();
        for t in &truth {
            let id = t["id"].as_str().unwrap_or_default();
            for field in ["role", "parent", "language"] {
                checks += 1;
                let want = &t[field];
                let have = got.get(id).map(|d| match field {
                    "role" => serde_json::to_value(d.role).unwrap_or_default(),
                    "parent" => serde_json::to_value(&d.parent).unwrap_or_default(),
                    _ => serde_json::Value::String(d.language.clone()),
                });
                let ok = have.as_ref() == Some(want);
                if !ok {
                    failures += 1;
                }
                println!("{} {name}/{id} {field}: want {want} got {}", if ok { "ok  " } else { "FAIL" }, have.unwrap_or_default());
            }
        }
    }
    let (c, f) = snapshots(&root)?;
    checks += c;
    failures += f;
    println!("{} passed, {} failed", checks - failures, failures);
    if failures > 0 {
        bail!("{failures} corpus checks failed");
    }
    Ok(())
}

/// The parsed metadata as the truth files spell it.
fn meta_fields(a: &forensics::parse::Article) -> BTreeMap<&'static str, serde_json::Value> {
    use serde_json::Value;
    let m = &a.meta;
    let opt = |v: Option<&str>| v.map_or(Value::Null, |s| Value::String(s.to_string()));
    let mut credits: Vec<&str> = m.credits.iter().map(|c| c.name.as_str()).collect();
    credits.sort();
    credits.dedup();
    BTreeMap::from([
        ("headline", opt(m.headline.as_deref())),
        ("headline_artefact", opt(m.headline_artefact.as_deref())),
        ("published", m.published.map_or(Value::Null, |d| Value::String(d.to_string()))),
        ("byline", opt(m.byline.as_deref())),
        ("dateline", opt(m.dateline.as_ref().and_then(|d| d.place.as_deref()))),
        ("agency", opt(m.dateline.as_ref().and_then(|d| d.agency.as_deref()))),
        ("credits", Value::from(credits)),
        ("read_time", opt(m.read_time.as_deref())),
    ])
}

/// Each plain-text document under `corpus/<set>/` against its reviewed parse
/// snapshot (`crates/forensics-parse/tests/corpus.rs` writes them): one line
/// per document. Returns (checks, failures).
fn snapshots(root: &std::path::Path) -> Result<(usize, usize)> {
    use serde_json::{json, Value};
    let snaps = root.join("crates/forensics-parse/tests/snapshots");
    let mut sets: Vec<_> = std::fs::read_dir(root.join("corpus"))?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    sets.sort();
    let (mut checks, mut failures) = (0, 0);
    for set in sets {
        let set_name = set.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if set_name == "truth" {
            continue;
        }
        let mut files: Vec<_> = std::fs::read_dir(&set)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
        files.sort();
        for file in files {
            let file_name = file.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let id = file_name.split('.').next().unwrap_or_default();
            let a = forensics::parse::parse_text(id, &std::fs::read(&file)?);
            let blocks: Vec<Value> = a.blocks.iter().map(|b| json!({"kind": b.kind, "span": [b.span.start, b.span.end], "text": a.block_text(b)})).collect();
            let got = json!({"id": id, "meta": a.meta, "diagnostics": a.diagnostics, "blocks": blocks});
            let snap = snaps.join(format!("corpus__corpus@{set_name}__{file_name}.snap"));
            let want: Option<Value> = std::fs::read_to_string(&snap).ok().and_then(|s| {
                // insta's header is a YAML document of its own, between `---` lines.
                let body = s.strip_prefix("---\n")?.split_once("\n---\n")?.1.to_string();
                serde_yaml::from_str(&body).ok()
            });
            checks += 1;
            let verdict = match want {
                None => "FAIL (no reviewed snapshot)",
                Some(w) if w == got => "ok  ",
                Some(_) => "FAIL (parse differs from its snapshot)",
            };
            failures += usize::from(verdict != "ok  ");
            println!("{verdict} {set_name}/{file_name} parse snapshot");
        }
    }
    Ok((checks, failures))
}
