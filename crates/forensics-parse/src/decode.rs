//! Bytes to text: BOM sniffing, UTF-8, UTF-16, legacy single-byte pages.

use crate::model::{Diagnostic, Severity};

/// Decodes page bytes to text. Never fails: undecodable bytes become U+FFFD
/// and are reported.
///
/// Order: a BOM (UTF-8, UTF-16LE/BE) decides; else UTF-16 without a BOM is
/// recognised by its NUL bytes (ASCII text in UTF-16 has a NUL in every
/// other byte); else UTF-8, keeping it with replacements when only a few
/// sequences are broken; else Windows-1252, the browsers' default for
/// legacy Western pages (a superset of Latin-1's printable range).
pub fn decode(bytes: &[u8]) -> (String, Vec<Diagnostic>) {
    let d = decode_detailed(bytes);
    (d.text, d.diagnostics)
}

/// Decoded text plus how it was decoded, so a caller can map text offsets
/// back to offsets in the input bytes.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    pub encoding: &'static encoding_rs::Encoding,
    /// Length of the byte-order mark skipped at the start of the input.
    pub bom_len: usize,
}

/// [`decode`], also saying which encoding was used and how long the BOM was.
pub fn decode_detailed(bytes: &[u8]) -> Decoded {
    let (text, diagnostics, encoding, bom_len) = decode_inner(bytes);
    Decoded { text, diagnostics, encoding, bom_len }
}

fn decode_inner(bytes: &[u8]) -> (String, Vec<Diagnostic>, &'static encoding_rs::Encoding, usize) {
    let mut diags = Vec::new();
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            diags.push(warn(format!("invalid {} sequences replaced", enc.name())));
        }
        return (text.into_owned(), diags, enc, bom_len);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        diags.push(warn(format!("no byte-order mark: decoded as {} from its NUL-byte pattern", enc.name())));
        if had_errors {
            diags.push(warn(format!("invalid {} sequences replaced", enc.name())));
        }
        return (text.into_owned(), diags, enc, 0);
    }
    let utf8 = encoding_rs::UTF_8;
    // encoding_rs validates with SIMD (simdutf8), several times faster
    // than `std::str::from_utf8` on the same bytes.
    match utf8.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(s) => (s.into_owned(), diags, utf8, 0),
        None => {
            // Not UTF-8: if most of it still is, keep UTF-8 with replacements;
            // else assume the browsers' default legacy encoding.
            let (lossy, _, _) = encoding_rs::UTF_8.decode(bytes);
            let bad = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
            // Real multi-byte UTF-8 elsewhere in the page means a few broken
            // sequences, not a legacy encoding (whose accents never form one).
            let good = lossy.chars().filter(|&c| c > '\u{7F}' && c != '\u{FFFD}').count();
            if good > 0 && bad * 50 < lossy.chars().count().max(1) && bad <= good {
                diags.push(warn(format!("{bad} invalid UTF-8 sequences replaced")));
                (lossy.into_owned(), diags, utf8, 0)
            } else {
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                diags.push(warn("not UTF-8: decoded as windows-1252".to_string()));
                (text.into_owned(), diags, encoding_rs::WINDOWS_1252, 0)
            }
        }
    }
}

/// Bytes sampled to recognise BOM-less UTF-16.
const SNIFF: usize = 4096;

/// UTF-16LE/BE without a BOM: in the sample, NULs fill one byte parity
/// (over 40% of those positions) and almost never the other.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(SNIFF) & !1];
    if sample.len() < 4 {
        return None;
    }
    // Most pages hold no NUL at all, and both patterns need some.
    memchr::memchr(0, sample)?;
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let heavy = |n: usize| n * 10 > pairs * 4;
    let light = |n: usize| n * 20 < pairs;
    if heavy(odd) && light(even) {
        Some(encoding_rs::UTF_16LE)
    } else if heavy(even) && light(odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn warn(message: String) -> Diagnostic {
    Diagnostic { severity: Severity::Warning, message, span: None }
}
