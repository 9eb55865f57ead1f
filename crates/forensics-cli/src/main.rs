//! The `forensics` binary: argument handling and output only; every
//! judgement lives in the library crates.

fn main() -> std::process::ExitCode {
    forensics_cli::main()
}
