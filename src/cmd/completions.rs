//! `quotelens completions SHELL` and `quotelens man`: shell completions and a man page, made from
//! the command line's own definitions, so they never fall out of step with it.

use anyhow::Result;
use clap_complete::Shell;
use std::io::Write;
use std::process::ExitCode;

/// Arguments of `quotelens completions`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// bash, zsh, fish, powershell or elvish. For bash:
    /// `quotelens completions bash > ~/.local/share/bash-completion/completions/quotelens`.
    shell: Shell,
}

/// Write the completion script for `args.shell` to standard output.
pub fn run(args: Args, mut command: clap::Command) -> Result<ExitCode> {
    clap_complete::generate(args.shell, &mut command, "quotelens", &mut std::io::stdout());
    Ok(ExitCode::SUCCESS)
}

/// Write the man page (roff) to standard output: `quotelens man > quotelens.1; man ./quotelens.1`.
/// It lists every subcommand; `quotelens <command> --help` gives each one's options.
pub fn man(command: clap::Command) -> Result<ExitCode> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    std::io::stdout().write_all(&page)?;
    Ok(ExitCode::SUCCESS)
}
