//! The `forensics` binary: argument handling and output only; every
//! judgement lives in the library crates.

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use forensics::input::{read_paths, Limits};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "forensics", version, about = "Find out where a news text came from: versions, roles, parents and evidence.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse pages into structured articles (metadata, typed blocks with spans).
    #[command(after_help = "Example:\n  forensics parse corpus/seeds --format yaml")]
    Parse {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "json")]
        format: DataFormat,
    },
    /// Run the whole pipeline: families, roles, parents and evidence.
    #[command(after_help = "Example:\n  forensics analyze corpus/seeds --format json --out analysis.json")]
    Analyze {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "json")]
        format: DataFormat,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum DataFormat {
    Json,
    Yaml,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("forensics: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let limits = Limits::default();
    match cli.command {
        Command::Parse { paths, format } => {
            let inputs = read_paths(&paths, &limits)?;
            let articles = forensics::parse_all(&inputs.documents);
            let value = serde_json::json!({ "articles": articles, "skipped": inputs.skipped });
            emit(&value, format, None)?;
            Ok(exit_for(inputs.skipped.is_empty()))
        }
        Command::Analyze { paths, format, out } => {
            let inputs = read_paths(&paths, &limits)?;
            let analysis = forensics::analyze_inputs(inputs, &forensics::Config::default());
            let ok = analysis.skipped.is_empty();
            emit(&analysis, format, out)?;
            Ok(exit_for(ok))
        }
    }
}

fn exit_for(all_read: bool) -> ExitCode {
    if all_read { ExitCode::SUCCESS } else { ExitCode::from(3) }
}

fn emit<T: serde::Serialize>(value: &T, format: DataFormat, out: Option<PathBuf>) -> Result<()> {
    let text = match format {
        DataFormat::Json => serde_json::to_string_pretty(value)? + "\n",
        DataFormat::Yaml => serde_yaml::to_string(value)?,
    };
    match out {
        Some(p) => std::fs::write(&p, text).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?,
        None => {
            let mut so = std::io::stdout().lock();
            if let Err(e) = so.write_all(text.as_bytes()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e.into());
                }
            }
        }
    }
    Ok(())
}
