//! Every subcommand and flag.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "forensics",
    version,
    about = "Find out where a news text came from: versions, roles, parents and evidence.",
    after_help = "Examples:\n  forensics analyze corpus/seeds\n  forensics analyze corpus/seeds --format html --out report.html\n  forensics diff corpus/seeds/004_*.txt corpus/seeds/002_*.txt\n\nExit codes: 0 every input analysed, 3 some inputs skipped (listed), 1 failure, 2 usage error."
)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Clone)]
pub(crate) struct Global {
    /// No progress bars and no warnings on stderr (errors are still printed).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print per-stage timings on stderr.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Worker threads (0: one per core). Output is the same for any count.
    #[arg(short = 'j', long = "threads", global = true, default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// Colour text output: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value = "auto", value_name = "WHEN")]
    pub color: ColorWhen,
    /// Largest document in bytes (after decompression); larger ones are skipped.
    #[arg(long = "max-doc-bytes", global = true, value_name = "BYTES")]
    pub max_doc_bytes: Option<u64>,
    /// Largest decompressed size of one compressed file; beyond it the file is skipped.
    #[arg(long = "max-decompressed-bytes", global = true, value_name = "BYTES")]
    pub max_decompressed_bytes: Option<u64>,
    /// Do not read installed bilingual dictionaries (also: env FORENSICS_NO_DICT).
    #[arg(long = "no-dict", global = true)]
    pub no_dict: bool,
    /// Where bilingual dictionaries (FreeDict, dictd format) are looked for.
    #[arg(long = "dict-dir", global = true, value_name = "DIR", default_value = "/usr/share/dictd")]
    pub dict_dir: String,
    /// Most documents held in memory (default 1,000,000); documents past it are skipped.
    #[arg(long = "max-documents", global = true, value_name = "N")]
    pub max_documents: Option<u64>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Run the whole pipeline: families, roles, parents and evidence.
    #[command(after_help = "Inputs: files, directories (walked recursively, sorted), `-` for stdin, JSONL files of \
records {\"id\", \"text\", \"title\"?, \"date\"?, \"url\"?, \"language\"?}.\n\nExamples:\n  forensics analyze corpus/seeds\n  forensics analyze corpus/seeds --format html --out report.html\n  forensics analyze corpus/seeds --format dot | dot -Tsvg > graph.svg")]
    Analyze {
        /// Files, directories, JSONL files, or `-` for stdin.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: AnalyzeFormat,
        /// Write to FILE instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Compare two documents (any languages): aligned passages and the changes.
    #[command(after_help = "Example:\n  forensics diff corpus/seeds/004_*.txt corpus/seeds/002_*.txt")]
    Diff {
        /// The first document.
        a: PathBuf,
        /// The second document.
        b: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: DiffFormat,
        /// Write to FILE instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Parse pages into structured articles (metadata, typed blocks with spans).
    #[command(after_help = "Example:\n  forensics parse corpus/seeds --format yaml")]
    Parse {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "json")]
        format: DataFormat,
    },
    /// Remove boilerplate: the article's own text, and why everything else went.
    #[command(after_help = "Examples:\n  forensics clean corpus/seeds --explain\n  forensics clean corpus/seeds --out-dir clean/")]
    Clean {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: CleanFormat,
        /// Write DIR/<id>.txt (the clean text) for every document.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// Print every removed block with the rule that removed it.
        #[arg(long)]
        explain: bool,
    },
    /// Group near-duplicate texts into families, with pairwise similarities.
    #[command(after_help = "Example:\n  forensics dedup corpus/seeds --threshold 0.5 --format json")]
    Dedup {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Similarity threshold that the candidate search is tuned for (0..1).
        #[arg(long, value_name = "T")]
        threshold: Option<f64>,
        #[arg(long, value_enum, default_value = "text")]
        format: DedupFormat,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum AnalyzeFormat {
    /// A readable summary per family.
    Text,
    /// The analysis (schema forensics.analysis/1), pretty-printed.
    Json,
    /// One tagged record per line: header, documents, families, relations, skipped.
    Jsonl,
    /// One self-contained HTML report: graph and side-by-side evidence.
    Html,
    /// The provenance graph for Graphviz.
    Dot,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum DiffFormat {
    Text,
    Html,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum DataFormat {
    Json,
    Yaml,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum CleanFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum DedupFormat {
    Text,
    Json,
    Jsonl,
}
