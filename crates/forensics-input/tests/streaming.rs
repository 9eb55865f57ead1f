//! A crawl is read record by record: however long the file, the reader
//! holds about one record. A counting allocator measures the peak heap while
//! a WARC stream generated on the fly (never held in memory) is read; the
//! peak must not grow with the number of records.

use forensics_input::warc::{WarcItem, WarcRecords};
use forensics_input::Limits;
use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// `n` response records of a ~20 KB page each, generated as they are read.
struct Crawl {
    n: usize,
    done: usize,
    buf: Vec<u8>,
    pos: usize,
}

impl Read for Crawl {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.buf.len() {
            if self.done == self.n {
                return Ok(0);
            }
            let body = format!("<html><body><p>{}</p></body></html>", format!("Story {} paragraph. ", self.done).repeat(1000));
            let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{body}");
            self.buf = format!(
                "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:r{}>\r\nWARC-Date: 2024-03-05T10:20:30Z\r\nWARC-Target-URI: https://news.example/{}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
                self.done,
                self.done,
                http.len()
            )
            .into_bytes();
            self.pos = 0;
            self.done += 1;
        }
        let k = out.len().min(self.buf.len() - self.pos);
        out[..k].copy_from_slice(&self.buf[self.pos..self.pos + k]);
        self.pos += k;
        Ok(k)
    }
}

/// Reads `n` records; returns (documents, peak heap growth in bytes).
fn read(n: usize) -> (usize, usize) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let mut docs = 0;
    for item in WarcRecords::new(Crawl { n, done: 0, buf: Vec::new(), pos: 0 }, false, "crawl.warc".into(), Limits::default()) {
        if let WarcItem::Document(d) = item {
            assert!(d.hints.url.as_deref().is_some_and(|u| u.starts_with("https://news.example/")));
            docs += 1;
        }
    }
    (docs, PEAK.load(Ordering::Relaxed) - base)
}

#[test]
fn memory_does_not_grow_with_the_crawl() {
    let (small_docs, small_peak) = read(20);
    let (big_docs, big_peak) = read(2000); // about 40 MB of crawl
    eprintln!("peak heap: {small_peak} bytes for 20 records, {big_peak} for 2000");
    assert_eq!((small_docs, big_docs), (20, 2000));
    // About one record (20 KB) plus buffers, whatever the length.
    assert!(big_peak < 2 << 20, "peak heap {big_peak} bytes for 2000 records");
    assert!(big_peak < small_peak * 2 + (256 << 10), "peak grew from {small_peak} to {big_peak} bytes");
}
