//! `cargo xtask` task: eval_html.

use anyhow::Result;

pub fn run(_args: &[String]) -> Result<()> {
    println!("eval_html: not implemented yet");
    Ok(())
}
