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
    println!("{} passed, {} failed", checks - failures, failures);
    if failures > 0 {
        bail!("{failures} corpus checks failed");
    }
    Ok(())
}
