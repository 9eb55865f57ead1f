//! `forensics-input` reads what researchers have (text and HTML files,
//! directories, JSONL exports, gzip) into [`RawDocument`]s. **Nothing is lost
//! silently**: every input becomes a document or a [`Skip`] with its reason.
//!
//! ```no_run
//! let inputs = forensics_input::read_paths(&["corpus/seeds".into()], &Default::default()).unwrap();
//! for doc in &inputs.documents { println!("{} {} bytes", doc.id, doc.bytes.len()); }
//! for skip in &inputs.skipped { eprintln!("{}: {}", skip.source, skip.reason); }
//! ```
//!
//! To stream instead of holding every document, give a [`Reader`] a
//! [`Sink`]; a reader can read the same paths again, pass after pass.

mod jsonl;
mod model;
mod read;
pub mod warc;
mod sniff;

pub use model::*;
pub use read::{id_from_path, read_paths, InputError, Inputs, Reader, Sink};
