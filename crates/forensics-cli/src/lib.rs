//! The `forensics` command line, as a library so that `cargo xtask dist` can
//! generate shell completions and the man page from the same [`command`].
//!
//! Thin by design: it reads arguments, calls the `forensics` pipeline and the
//! `forensics-report` renderers, and writes their output.
//!
//! ```
//! let cmd = forensics_cli::command();
//! assert_eq!(cmd.get_name(), "forensics");
//! assert!(cmd.get_subcommands().any(|s| s.get_name() == "analyze"));
//! ```

mod args;
mod cmd;
mod output;
mod progress;

use clap::{CommandFactory, Parser};
use std::process::ExitCode;

/// The clap definition of every subcommand and flag.
pub fn command() -> clap::Command {
    args::Cli::command()
}

/// Exit codes: 0 every input analysed, 3 finished with skipped inputs,
/// 1 a failure that stopped the run, 2 a usage error (clap's own).
pub fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("forensics: {}", one_line(&e));
            ExitCode::from(1)
        }
    }
}

/// The error and its causes on one line.
fn one_line(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let s = cause.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ").replace('\n', " ")
}
