//! `cargo xtask dist`: shell completions and man pages for `forensics`,
//! generated from the CLI's own clap definition into `target/dist/`.

use anyhow::{Context, Result};
use clap_complete::Shell;
use std::path::Path;

pub fn run(_args: &[String]) -> Result<()> {
    let out = crate::root().join("target/dist");
    let completions = out.join("completions");
    let man = out.join("man/man1");
    std::fs::create_dir_all(&completions).with_context(|| format!("{}: cannot create", completions.display()))?;
    std::fs::create_dir_all(&man).with_context(|| format!("{}: cannot create", man.display()))?;
    let mut cmd = forensics_cli::command();
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::Elvish, Shell::PowerShell] {
        let path = clap_complete::generate_to(shell, &mut cmd, "forensics", &completions).with_context(|| format!("{shell} completions"))?;
        println!("wrote {}", path.display());
    }
    cmd.build();
    write_man(&cmd, &man, "forensics")?;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("forensics-{}", sub.get_name());
        // clap names are `&'static str` without its `string` feature; a few
        // leaked names in a one-shot task cost nothing.
        let leaked: &'static str = Box::leak(name.clone().into_boxed_str());
        write_man(&sub.clone().name(leaked), &man, &name)?;
    }
    Ok(())
}

fn write_man(cmd: &clap::Command, dir: &Path, name: &str) -> Result<()> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf).with_context(|| format!("{name}: man page"))?;
    let path = dir.join(format!("{name}.1"));
    std::fs::write(&path, buf).with_context(|| format!("{}: cannot write", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}
