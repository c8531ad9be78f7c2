//! The `hocba` program; the command line lives in `hocba::cli`.

fn main() -> std::process::ExitCode {
    hocba::cli::main()
}
