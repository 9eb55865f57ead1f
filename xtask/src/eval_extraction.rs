//! `cargo xtask` task: eval_extraction.

use anyhow::Result;

pub fn run(_args: &[String]) -> Result<()> {
    println!("eval_extraction: not implemented yet");
    Ok(())
}
