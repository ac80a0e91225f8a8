//! `quotelens completions SHELL` and `quotelens man`: shell completion scripts and a man page,
//! generated from the command-line definitions, so they never fall behind the flags.

use anyhow::{Context, Result};
use clap::CommandFactory;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `quotelens completions`.
#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell. For bash:
    /// `quotelens completions bash > ~/.local/share/bash-completion/completions/quotelens`.
    shell: clap_complete::Shell,
}

/// Arguments of `quotelens man`.
#[derive(clap::Args, Debug)]
pub struct ManArgs {
    /// Write one page per subcommand too (`quotelens-label.1`, …) into this directory, beside
    /// `quotelens.1`; without it, the main page goes to standard output
    /// (`quotelens man > quotelens.1; man ./quotelens.1`).
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

/// Print the completion script for a shell.
pub fn completions(args: CompletionsArgs) -> Result<ExitCode> {
    let mut command = crate::Cli::command();
    clap_complete::generate(args.shell, &mut command, "quotelens", &mut std::io::stdout());
    Ok(ExitCode::SUCCESS)
}

/// Print the man page, or write it and a page per subcommand into a directory.
pub fn man(args: ManArgs) -> Result<ExitCode> {
    let command = crate::Cli::command();
    match args.dir {
        None => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(command).render(&mut out)?;
            out.flush()?;
        }
        Some(dir) => {
            std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
            clap_mangen::generate_to(command, &dir).with_context(|| format!("cannot write into {}", dir.display()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
