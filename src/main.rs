//! The `pundit` binary: parse arguments, run, map the outcome to an exit
//! status like grep's (0 hits or success, 1 no hits, 2 error).

mod cli;

use clap::Parser;

// glibc's allocator spends a sixth of an index run in malloc and free when
// many threads allocate; mimalloc does not.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let parsed = match cli::args::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // --help and --version are not errors.
            let code = if e.use_stderr() { cli::ERROR } else { cli::OK };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let code = match cli::run(parsed) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => cli::OK,
        Err(e) => {
            eprintln!("pundit: {e:#}");
            cli::ERROR
        }
    };
    std::process::exit(code);
}

/// A closed pipe (`pundit search … | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
