//! `cargo xtask eval wmt`: family clustering across languages on
//! `../shared/eval/wmt-news` (or any `--docs DIR --truth FILE` pack): pairwise
//! P/R/F1 and ARI, overall, per language pair, same- vs cross-language, with
//! and without dictionaries, and the split (threshold chosen on wmt21
//! families, scored on wmt22, and back). The pack at scale, mixed into
//! synthetic distractors, is `cargo xtask bench --xling` (`bench_xling.rs`).
//!
//! Only xtask reads the truth; the tool never does.

use anyhow::{bail, Context, Result};
use forensics::clean::CleanArticle;
use forensics::dedup::xling::{self, Dictionaries, StageReport};
use forensics::dedup::{DedupConfig, PairKind, VerifiedPair};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::Instant;

pub(crate) struct Truth {
    pub family: String,
    pub language: String,
}

/// Average-link level used when this task clusters pairs itself (the
/// detector's `cluster_threshold` default; cross-language pairs enter at
/// similarity 0.5 at their threshold, so a member linked to half of a
/// cluster still joins).
const OWN_CLUSTER_LEVEL: f64 = 0.2;

pub fn run(args: &[String]) -> Result<()> {
    let flag = |f: &str| args.iter().any(|a| a == f);
    let value = |f: &str| args.iter().position(|a| a == f).and_then(|i| args.get(i + 1)).cloned();
    let no_dict = flag("--no-dict") || std::env::var_os("FORENSICS_NO_DICT").is_some();
    let (docs_dir, truth_path) = match (value("--docs"), value("--truth")) {
        (Some(d), Some(t)) => (PathBuf::from(d), PathBuf::from(t)),
        _ => {
            let Some(shared) = crate::shared() else {
                println!("eval wmt: ../shared/eval/wmt-news not found, skipping");
                return Ok(());
            };
            (shared.join("eval/wmt-news/docs"), shared.join("eval/wmt-news/truth.jsonl"))
        }
    };
    let truth = read_truth(&truth_path)?;
    let t = Instant::now();
    let inputs = forensics::input::read_paths(&[docs_dir.clone()], &Default::default())?;
    let articles = forensics::parse_all(&inputs.documents);
    let cleaned = forensics::clean_all(&articles);
    println!("{} documents parsed and cleaned in {:.1}s", cleaned.len(), t.elapsed().as_secs_f64());
    let detected = language_agreement(&cleaned, &truth);
    println!("cleaner language = truth language for {:.1}% of documents", 100.0 * detected);

    if flag("--diagnose") {
        return diagnose(&cleaned, &truth, !no_dict);
    }
    let modes: Vec<bool> = if no_dict { vec![false] } else { vec![false, true] };
    for with_dict in modes {
        let mut cfg = DedupConfig::default();
        cfg.xling.dictionaries = with_dict;
        if let Some(json) = value("--xling") {
            // Override single parameters: --xling '{"min_shared": 1}'.
            let mut v = serde_json::to_value(&cfg.xling)?;
            let patch: serde_json::Value = serde_json::from_str(&json)?;
            if let (Some(obj), Some(p)) = (v.as_object_mut(), patch.as_object()) {
                for (k, x) in p {
                    obj.insert(k.clone(), x.clone());
                }
            }
            cfg.xling = serde_json::from_value(v)?;
        }
        if let Some(t) = value("--threshold").and_then(|t| t.parse().ok()) {
            cfg.xling.threshold = t;
        }
        let dicts = with_dict.then(|| Dictionaries::installed(&cfg.xling.dict_dir));
        println!("\n=== {} ===", if with_dict { "with dictionaries" } else { "without dictionaries" });
        if let Some(d) = &dicts {
            let names: Vec<String> = d.infos().iter().map(|i| format!("{} ({}, {} headwords{})", i.name, i.language, i.headwords, if i.reversed { ", reversed" } else { "" })).collect();
            println!("dictionaries: {}", if names.is_empty() { "none installed".to_string() } else { names.join(", ") });
        }
        let t = Instant::now();
        let result = forensics::dedup::dedup(&cleaned, &cfg);
        let dedup_s = t.elapsed().as_secs_f64();
        let (xpairs, report) = xling::run(&cleaned, &cfg, dicts.as_deref());
        print_report(&report);
        pair_quality(&xpairs, &truth);
        let same: Vec<VerifiedPair> = result.pairs.iter().filter(|p| p.kind == PairKind::SameLanguage).cloned().collect();
        let real_clusters = result.families.len() < cleaned.len();
        if real_clusters {
            let fam: HashMap<String, String> = result.families.iter().flat_map(|f| f.members.iter().map(move |m| (m.clone(), f.id.clone()))).collect();
            println!("-- families from dedup() ({dedup_s:.1}s, {} families)", result.families.len());
            print_scores(&fam, &truth, None);
            // The split of the real families, for parameters other than the threshold.
            for edition in ["wmt21:", "wmt22:"] {
                let (mut table, ari) = scores(&fam, &truth, Some(edition));
                if let Some(c) = table.remove("all") {
                    let (p, r, f) = prf(&c);
                    println!("  split {edition:<7} P {p:.3} R {r:.3} F1 {f:.3}  ARI {ari:.3}");
                }
            }
        } else {
            println!("-- dedup() returns singletons: its clustering has not landed");
        }
        let own = average_link(&cleaned, xpairs.iter().chain(&same), OWN_CLUSTER_LEVEL);
        println!("-- own average-link at {OWN_CLUSTER_LEVEL} over cross-language pairs + {} same-language pairs from dedup()", same.len());
        print_scores(&own, &truth, None);
        if !flag("--no-split") {
            split(&cleaned, &cfg, dicts.as_deref(), &same, &truth);
        }
    }
    Ok(())
}

pub(crate) fn read_truth(path: &std::path::Path) -> Result<BTreeMap<String, Truth>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        out.insert(s("id"), Truth { family: s("family"), language: s("language") });
    }
    if out.is_empty() {
        bail!("no truth rows in {}", path.display());
    }
    Ok(out)
}

fn language_agreement(docs: &[CleanArticle], truth: &BTreeMap<String, Truth>) -> f64 {
    let ok = docs.iter().filter(|d| truth.get(&d.id).is_some_and(|t| t.language == d.language)).count();
    ok as f64 / docs.len().max(1) as f64
}

fn print_report(r: &StageReport) {
    println!(
        "xling: {} docs, {} anchors ({} ms), {} candidates (index {} ms), verify {} ms, calibrate {} ms, {} pairs",
        r.docs, r.anchors, r.anchors_ms, r.candidates, r.index_ms, r.verify_ms, r.calibrate_ms, r.pairs
    );
}

/// Precision of the verified pairs themselves and recall of cross-language truth pairs.
fn pair_quality(pairs: &[VerifiedPair], truth: &BTreeMap<String, Truth>) {
    let fam = |id: &str| truth.get(id).map(|t| t.family.as_str());
    let good = pairs.iter().filter(|p| fam(&p.a).is_some() && fam(&p.a) == fam(&p.b)).count();
    let mut by_family: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, t) in truth {
        by_family.entry(t.family.as_str()).or_default().push(t.language.as_str());
        let _ = id;
    }
    let true_cross: usize = by_family
        .values()
        .map(|langs| {
            let mut n = 0;
            for i in 0..langs.len() {
                for j in i + 1..langs.len() {
                    n += usize::from(langs[i] != langs[j]);
                }
            }
            n
        })
        .sum();
    println!(
        "verified cross-language pairs: {} ({} in one family: precision {:.3}; recall of {} cross-language truth pairs {:.3})",
        pairs.len(),
        good,
        good as f64 / pairs.len().max(1) as f64,
        true_cross,
        good as f64 / true_cross.max(1) as f64
    );
}

/// Average-link clustering over sparse similarities (a missing pair counts
/// 0); merges the most similar clusters while their mean link reaches `level`.
/// Deterministic: ties go to the smaller cluster ids.
pub fn average_link<'a>(docs: &[CleanArticle], pairs: impl Iterator<Item = &'a VerifiedPair>, level: f64) -> HashMap<String, String> {
    let index: HashMap<&str, usize> = docs.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
    let mut edges: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for p in pairs {
        let (Some(&a), Some(&b)) = (index.get(p.a.as_str()), index.get(p.b.as_str())) else { continue };
        let k = (a.min(b), a.max(b));
        let e = edges.entry(k).or_insert(0.0);
        *e = e.max(p.similarity);
    }
    let mut size: Vec<usize> = vec![1; docs.len()];
    let mut owner: Vec<usize> = (0..docs.len()).collect();
    // Sum of link similarities between clusters, keyed by cluster ids.
    let mut links: BTreeMap<(usize, usize), f64> = edges;
    loop {
        let best = links
            .iter()
            .map(|(&(a, b), &s)| ((a, b), s / (size[a] * size[b]) as f64))
            .filter(|(_, avg)| *avg >= level)
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
        let Some(((a, b), _)) = best else { break };
        // Merge b into a.
        size[a] += size[b];
        size[b] = 0;
        for o in owner.iter_mut() {
            if *o == b {
                *o = a;
            }
        }
        let old = std::mem::take(&mut links);
        for ((x, y), s) in old {
            let x = if x == b { a } else { x };
            let y = if y == b { a } else { y };
            if x != y {
                *links.entry((x.min(y), x.max(y))).or_insert(0.0) += s;
            }
        }
    }
    docs.iter().enumerate().map(|(i, d)| (d.id.clone(), docs[owner[i]].id.clone())).collect()
}

pub(crate) struct Counts {
    pub tp: usize,
    pub pred: usize,
    pub truth: usize,
}

pub(crate) fn prf(c: &Counts) -> (f64, f64, f64) {
    let p = if c.pred == 0 { 1.0 } else { c.tp as f64 / c.pred as f64 };
    let r = if c.truth == 0 { 1.0 } else { c.tp as f64 / c.truth as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

/// Pairwise scores (overall, same/cross language, per language pair) and ARI,
/// over the truth documents whose family passes `keep`.
pub(crate) fn scores(pred: &HashMap<String, String>, truth: &BTreeMap<String, Truth>, keep: Option<&str>) -> (BTreeMap<String, Counts>, f64) {
    let ids: Vec<&String> = truth.keys().filter(|id| keep.is_none_or(|k| truth[*id].family.starts_with(k))).collect();
    let mut out: BTreeMap<String, Counts> = BTreeMap::new();
    let cluster = |id: &str| pred.get(id).cloned().unwrap_or_else(|| format!("alone:{id}"));
    for i in 0..ids.len() {
        for j in i + 1..ids.len() {
            let (a, b) = (&truth[ids[i]], &truth[ids[j]]);
            let t = a.family == b.family;
            let p = cluster(ids[i]) == cluster(ids[j]);
            if !t && !p {
                continue;
            }
            let (la, lb) = if a.language <= b.language { (&a.language, &b.language) } else { (&b.language, &a.language) };
            let kind = if la == lb { "same-language" } else { "cross-language" };
            for key in ["all".to_string(), kind.to_string(), format!("{la}-{lb}")] {
                let c = out.entry(key).or_insert(Counts { tp: 0, pred: 0, truth: 0 });
                c.tp += usize::from(t && p);
                c.pred += usize::from(p);
                c.truth += usize::from(t);
            }
        }
    }
    // ARI from the contingency table.
    let mut table: HashMap<(&str, String), usize> = HashMap::new();
    let mut rows: HashMap<&str, usize> = HashMap::new();
    let mut cols: HashMap<String, usize> = HashMap::new();
    for id in &ids {
        let f = truth[*id].family.as_str();
        let c = cluster(id);
        *table.entry((f, c.clone())).or_insert(0) += 1;
        *rows.entry(f).or_insert(0) += 1;
        *cols.entry(c).or_insert(0) += 1;
    }
    let c2 = |n: usize| (n * n.saturating_sub(1)) as f64 / 2.0;
    let sum_ij: f64 = table.values().map(|&n| c2(n)).sum();
    let sum_a: f64 = rows.values().map(|&n| c2(n)).sum();
    let sum_b: f64 = cols.values().map(|&n| c2(n)).sum();
    let expected = sum_a * sum_b / c2(ids.len()).max(1.0);
    let denom = 0.5 * (sum_a + sum_b) - expected;
    let ari = if denom == 0.0 { 1.0 } else { (sum_ij - expected) / denom };
    (out, ari)
}

fn print_scores(pred: &HashMap<String, String>, truth: &BTreeMap<String, Truth>, keep: Option<&str>) {
    let (table, ari) = scores(pred, truth, keep);
    for (key, c) in &table {
        let (p, r, f) = prf(c);
        let note = if key == "all" { format!("  ARI {ari:.3}") } else { String::new() };
        println!("  {key:<16} P {p:.3} R {r:.3} F1 {f:.3}  (true {}, predicted {}, both {}){note}", c.truth, c.pred, c.tp);
    }
}

/// Thresholds tried in the split: a coarse grid around the default.
const GRID: &[f64] = &[0.06, 0.08, 0.10, 0.12, 0.15, 0.18, 0.22];

/// Chooses the threshold on one edition's families and scores the other.
fn split(docs: &[CleanArticle], base: &DedupConfig, dicts: Option<&Dictionaries>, same: &[VerifiedPair], truth: &BTreeMap<String, Truth>) {
    let mut f1: Vec<(f64, f64, f64)> = Vec::new();
    for &t in GRID {
        let mut cfg = base.clone();
        cfg.xling.threshold = t;
        let (pairs, _) = xling::run(docs, &cfg, dicts);
        let own = average_link(docs, pairs.iter().chain(same), OWN_CLUSTER_LEVEL);
        let f = |k: &str| prf(&scores(&own, truth, Some(k)).0.remove("all").unwrap_or(Counts { tp: 0, pred: 0, truth: 0 })).2;
        f1.push((t, f("wmt21:"), f("wmt22:")));
    }
    println!("-- split (threshold grid, own average-link):");
    for (t, a, b) in &f1 {
        println!("  threshold {t:.2}: F1 wmt21 {a:.3}  wmt22 {b:.3}");
    }
    let best = |pick: fn(&(f64, f64, f64)) -> f64| f1.iter().max_by(|x, y| pick(x).total_cmp(&pick(y)).then(y.0.total_cmp(&x.0))).copied();
    if let (Some(on21), Some(on22)) = (best(|x| x.1), best(|x| x.2)) {
        println!("  fit on wmt21 → threshold {:.2}, scored on wmt22: F1 {:.3}", on21.0, on21.2);
        println!("  fit on wmt22 → threshold {:.2}, scored on wmt21: F1 {:.3}", on22.0, on22.1);
        println!("  default {:.2}", base.xling.threshold);
    }
}

/// Per language pair: how true pairs and other candidates score (raw and
/// calibrated), to see where a threshold separates them.
fn diagnose(docs: &[CleanArticle], truth: &BTreeMap<String, Truth>, with_dict: bool) -> Result<()> {
    let mut empty: BTreeMap<&str, usize> = BTreeMap::new();
    for d in docs.iter().filter(|d| d.text.trim().is_empty()) {
        *empty.entry(truth.get(&d.id).map_or("?", |t| t.language.as_str())).or_insert(0) += 1;
    }
    println!("documents the cleaner left empty, by true language: {empty:?}");
    if let Ok(ids) = std::env::var("XLING_PAIR") {
        // Debugging one pair: the anchors each side yields.
        for id in ids.split(',') {
            let Some(d) = docs.iter().find(|d| d.id == id) else { continue };
            let (labels, _) = xling::labelled(&d.text, &d.language);
            let shown: Vec<String> = labels.iter().take(80).map(|l| format!("{:?}:{}", l.kind, l.text)).collect();
            println!("{id} ({}, {} chars, {} anchors): {}", d.language, d.text.len(), labels.len(), shown.join(" "));
        }
    }
    let mut cfg = DedupConfig::default();
    cfg.xling.dictionaries = with_dict;
    cfg.xling.emit_all_candidates = true;
    let dicts = with_dict.then(|| Dictionaries::installed(&cfg.xling.dict_dir));
    let (pairs, _) = xling::run(docs, &cfg, dicts.as_deref());
    let mut by: BTreeMap<String, (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for p in &pairs {
        let (Some(a), Some(b)) = (truth.get(&p.a), truth.get(&p.b)) else { continue };
        let key = if a.language <= b.language { format!("{}-{}", a.language, b.language) } else { format!("{}-{}", b.language, a.language) };
        let e = by.entry(key).or_default();
        if a.family == b.family {
            e.0.push(p.content);
            e.1.push(p.similarity);
        } else {
            e.2.push(p.content);
            e.3.push(p.similarity);
        }
    }
    let q = |v: &mut Vec<f64>, f: f64| {
        v.sort_by(|a, b| a.total_cmp(b));
        if v.is_empty() { f64::NAN } else { v[((v.len() - 1) as f64 * f) as usize] }
    };
    errors(docs, truth, &cfg, &pairs);
    println!("pair      true: n raw-med cal-p10 cal-med | other: n raw-med cal-p99 cal-max");
    for (k, (mut tr, mut tc, mut or, mut oc)) in by {
        println!(
            "{k:<8} {:5} {:.3} {:.3} {:.3} | {:5} {:.3} {:.3} {:.3}",
            tr.len(), q(&mut tr, 0.5), q(&mut tc, 0.1), q(&mut tc, 0.5), or.len(), q(&mut or, 0.5), q(&mut oc, 0.99), q(&mut oc, 1.0)
        );
    }
    Ok(())
}

/// Where the family errors of `dedup()` come from, per cross-language pair:
/// a missed true pair was never a candidate, scored below the threshold, or
/// scored above it and was split by the clustering; a false merge is a
/// direct verified pair or came in through other members.
fn errors(docs: &[CleanArticle], truth: &BTreeMap<String, Truth>, cfg: &DedupConfig, all: &[VerifiedPair]) {
    let mut plain = cfg.clone();
    plain.xling.emit_all_candidates = false;
    let result = forensics::dedup::dedup(docs, &plain);
    let fam: HashMap<&str, &str> = result.families.iter().flat_map(|f| f.members.iter().map(move |m| (m.as_str(), f.id.as_str()))).collect();
    let owned: HashMap<String, String> = fam.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    print_scores(&owned, truth, None);
    let cal: HashMap<(&str, &str), f64> = all.iter().map(|p| ((p.a.as_str(), p.b.as_str()), p.similarity)).collect();
    let thr = cfg.xling.threshold;
    // [missed: no candidate, below thr*mutual, below thr, above thr | false: direct, indirect]
    let mut by: BTreeMap<String, [usize; 7]> = BTreeMap::new();
    let mut examples: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let detected: HashMap<&str, &str> = docs.iter().map(|d| (d.id.as_str(), d.language.as_str())).collect();
    let ids: Vec<&String> = truth.keys().collect();
    for i in 0..ids.len() {
        for j in i + 1..ids.len() {
            let (a, b) = (&truth[ids[i]], &truth[ids[j]]);
            if a.language == b.language {
                continue;
            }
            let t = a.family == b.family;
            let p = fam.get(ids[i].as_str()).is_some_and(|f| fam.get(ids[j].as_str()) == Some(f));
            if t == p {
                continue;
            }
            let key = if a.language <= b.language { format!("{}-{}", a.language, b.language) } else { format!("{}-{}", b.language, a.language) };
            let c = cal.get(&(ids[i].as_str(), ids[j].as_str())).copied();
            let empty = |id: &str| docs.iter().find(|d| d.id == id).is_none_or(|d| d.text.trim().is_empty());
            let slot = match (t, c) {
                (true, None) if empty(ids[i]) || empty(ids[j]) => 6,
                (true, None) => 0,
                (true, Some(c)) if c < thr * cfg.xling.mutual_factor => 1,
                (true, Some(c)) if c < thr => 2,
                (true, Some(_)) => 3,
                (false, Some(c)) if c >= thr * cfg.xling.mutual_factor => 4,
                (false, _) => 5,
            };
            by.entry(key.clone()).or_default()[slot] += 1;
            let ex = examples.entry(key).or_default();
            if ex.len() < 12 {
                let lang = |id: &str| detected.get(id).copied().unwrap_or("?");
                ex.push(format!("{} {}({}) {}({}) {} {}", if t { "miss" } else { "false" }, ids[i], lang(ids[i]), ids[j], lang(ids[j]), c.map_or("-".to_string(), |c| format!("{c:.3}")), if t { &a.family } else { &b.family }));
            }
        }
    }
    println!("errors of dedup() families per pair: missed [no candidate, cal < thr*mutual, cal < thr, cal >= thr] + empty text | false [direct, indirect]");
    for (k, v) in &by {
        println!("  {k:<8} missed {:?} + {} | false {:?}", &v[..4], v[6], &v[4..6]);
    }
    if std::env::var_os("XLING_EXAMPLES").is_some() {
        for (k, ex) in &examples {
            for e in ex {
                println!("  {k} {e}");
            }
        }
    }
}
