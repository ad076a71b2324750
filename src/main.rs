//! The `coproduce` binary: see `coproduce --help`.

fn main() -> std::process::ExitCode {
    coproduce::cli::run()
}
