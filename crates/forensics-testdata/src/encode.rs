//! Byte encodings that crawled inputs arrive in, built for tests: gzip
//! members and HTTP chunked transfer coding.

use flate2::{Compression, write::GzEncoder};
use std::io::Write;

/// `bytes` as one gzip member.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    // (Writing to a Vec cannot fail.)
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default()
}

/// `bytes` in HTTP chunked transfer coding, `size` bytes a chunk, each
/// chunk-size line followed by `extension` (e.g. `";ext=1"`, which readers
/// must skip) and the terminating zero chunk.
pub fn chunked(bytes: &[u8], size: usize, extension: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in bytes.chunks(size.max(1)) {
        out.extend_from_slice(format!("{:x}{extension}\r\n", c.len()).as_bytes());
        out.extend_from_slice(c);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn chunks_and_gzip_round_trip() {
        use std::io::Read;
        let text = b"The river rose overnight.";
        let coded = super::chunked(text, 7, ";ext=1");
        assert!(coded.starts_with(b"7;ext=1\r\nThe riv\r\n") && coded.ends_with(b"0\r\n\r\n"));
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&super::gzip(text)[..]).read_to_end(&mut back).unwrap();
        assert_eq!(back, text);
    }
}
