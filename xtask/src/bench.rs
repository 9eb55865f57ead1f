//! `cargo xtask` task: bench.

use anyhow::Result;

pub fn run(_args: &[String]) -> Result<()> {
    println!("bench: not implemented yet");
    Ok(())
}
