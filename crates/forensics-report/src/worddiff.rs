//! The word-diff notation of `Change::diff`: `[-removed-]{+inserted+} kept`.

/// One piece of a word diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffPiece<'a> {
    Same(&'a str),
    Removed(&'a str),
    Inserted(&'a str),
}

/// Splits `[-a-]{+b+} c` into pieces. Unterminated markers are kept as
/// plain text, so any string renders.
pub fn parse_word_diff(diff: &str) -> Vec<DiffPiece<'_>> {
    let mut out = Vec::new();
    let mut rest = diff;
    while !rest.is_empty() {
        let next = [("[-", "-]"), ("{+", "+}")]
            .iter()
            .filter_map(|&(open, close)| {
                let at = rest.find(open)?;
                let len = rest[at + 2..].find(close)?;
                Some((at, open, len))
            })
            .min_by_key(|&(at, _, _)| at);
        match next {
            Some((at, open, len)) => {
                if at > 0 {
                    out.push(DiffPiece::Same(&rest[..at]));
                }
                let inner = &rest[at + 2..at + 2 + len];
                out.push(if open == "[-" { DiffPiece::Removed(inner) } else { DiffPiece::Inserted(inner) });
                rest = &rest[at + 2 + len + 2..];
            }
            None => {
                out.push(DiffPiece::Same(rest));
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{parse_word_diff, DiffPiece::*};

    #[track_caller]
    fn check(input: &str, expected: &[super::DiffPiece<'_>]) {
        assert_eq!(parse_word_diff(input), expected);
    }

    #[test]
    fn notation() {
        check("[-our countries-]{+china and Kremlin+} must show", &[Removed("our countries"), Inserted("china and Kremlin"), Same(" must show")]);
        check("helping Moscow [-offset-]{+lift+}", &[Same("helping Moscow "), Removed("offset"), Inserted("lift")]);
        check("plain", &[Same("plain")]);
        check("broken [-marker", &[Same("broken [-marker")]);
        check("", &[]);
        check("{+é+}[-ø-]", &[Inserted("é"), Removed("ø")]);
    }
}
