use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    kehoach::i18n::choose(cli::lang_flag(&args).as_deref());
    cli::run(cli::parse(args)).exit_code()
}
