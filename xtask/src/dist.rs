//! `cargo xtask` task: dist.

use anyhow::Result;

pub fn run(_args: &[String]) -> Result<()> {
    println!("dist: not implemented yet");
    Ok(())
}
