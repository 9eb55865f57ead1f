//! `forensics-html` placeholder.
