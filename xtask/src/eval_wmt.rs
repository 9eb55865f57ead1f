//! `cargo xtask` task: eval_wmt.

use anyhow::Result;

pub fn run(_args: &[String]) -> Result<()> {
    println!("eval_wmt: not implemented yet");
    Ok(())
}
