//! Bytes to text: BOM sniffing, UTF-8, UTF-16, legacy single-byte pages.

use crate::model::{Diagnostic, Severity};

/// Decodes page bytes to text. Never fails: undecodable bytes become U+FFFD
/// and are reported.
pub fn decode(bytes: &[u8]) -> (String, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            diags.push(warn(format!("invalid {} sequences replaced", enc.name())));
        }
        return (text.into_owned(), diags);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), diags),
        Err(_) => {
            // Not UTF-8: if most of it still is, keep UTF-8 with replacements;
            // else assume the browsers' default legacy encoding.
            let (lossy, _, _) = encoding_rs::UTF_8.decode(bytes);
            let bad = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
            if bad * 50 < lossy.chars().count().max(1) && bad < 4 {
                diags.push(warn(format!("{bad} invalid UTF-8 sequences replaced")));
                (lossy.into_owned(), diags)
            } else {
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                diags.push(warn("not UTF-8: decoded as windows-1252".to_string()));
                (text.into_owned(), diags)
            }
        }
    }
}

fn warn(message: String) -> Diagnostic {
    Diagnostic { severity: Severity::Warning, message, span: None }
}
