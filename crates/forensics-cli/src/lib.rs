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

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};
use std::process::ExitCode;

/// The clap definition of every subcommand and flag.
pub fn command() -> clap::Command {
    args::Cli::command()
}

/// Exit codes: 0 every input analysed, 3 finished with skipped inputs,
/// 1 a failure that stopped the run, 2 a usage error (clap's own).
pub fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
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

/// Help and version as clap prints them; any other usage error on one line,
/// like every other error, with clap's tip and the usage folded in; exit 2.
fn usage_error(e: clap::Error) -> ExitCode {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand) {
        let _ = e.print();
        return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    }
    eprintln!("forensics: {}", usage_line(&e.render().to_string()));
    ExitCode::from(2)
}

/// clap's multi-line message (`error: …`, indented details, `tip: …`,
/// `Usage: …`, `For more information…`) as one line.
fn usage_line(msg: &str) -> String {
    let mut out = String::new();
    let mut usage = None;
    for line in msg.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("For more information")) {
        if let Some(u) = line.strip_prefix("Usage: ") {
            usage = Some(u);
            continue;
        }
        let line = line.strip_prefix("error: ").unwrap_or(line);
        if !out.is_empty() {
            out.push_str(if out.ends_with(':') || line.starts_with('[') { " " } else { "; " });
        }
        out.push_str(line);
    }
    if let Some(u) = usage {
        out.push_str(&format!(" (usage: {u})"));
    }
    out
}

#[cfg(test)]
mod tests {
    /// clap's own consistency checks over every subcommand and flag.
    #[test]
    fn command_definition_is_consistent() {
        super::command().debug_assert();
    }

    #[test]
    fn usage_errors_fold_into_one_line() {
        let check = |msg: &str, want: &str| assert_eq!(super::usage_line(msg), want);
        check(
            "error: unexpected argument '--bogus' found\n\n  tip: a similar argument exists: '--format'\n\nUsage: forensics analyze --format <FORMAT> <PATH>...\n\nFor more information, try '--help'.\n",
            "unexpected argument '--bogus' found; tip: a similar argument exists: '--format' (usage: forensics analyze --format <FORMAT> <PATH>...)",
        );
        check(
            "error: the following required arguments were not provided:\n  <PATH>...\n\nUsage: forensics analyze <PATH>...\n\nFor more information, try '--help'.\n",
            "the following required arguments were not provided: <PATH>... (usage: forensics analyze <PATH>...)",
        );
        check(
            "error: invalid value 'pdf' for '--format <FORMAT>'\n  [possible values: text, json]\n\nFor more information, try '--help'.\n",
            "invalid value 'pdf' for '--format <FORMAT>' [possible values: text, json]",
        );
        check("error: invalid value 'abc' for '--threads <N>': invalid digit found in string\n\nFor more information, try '--help'.\n", "invalid value 'abc' for '--threads <N>': invalid digit found in string");
    }
}
