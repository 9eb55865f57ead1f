//! `cargo xtask` task: eval_analysis.

use anyhow::Result;

pub fn run(_args: &[String]) -> Result<()> {
    println!("eval_analysis: not implemented yet");
    Ok(())
}
