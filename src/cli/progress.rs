//! The progress of an index run on stderr: a bar with files, documents/s,
//! MB/s and the time left, drawn only on a terminal; with `-v`, one line
//! per file.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pundit::output::sanitize;
use pundit::pipeline::Progress;

/// Progress of `pundit index` on stderr.
pub struct Bar {
    bar: ProgressBar,
    verbose: bool,
    started: Instant,
    docs: AtomicU64,
    bytes: AtomicU64,
}

impl Bar {
    /// A bar drawn when stderr is a terminal and not `quiet`; `verbose`
    /// lists each file's outcome.
    pub fn new(quiet: bool, verbose: bool) -> Bar {
        let target = if quiet || !std::io::stderr().is_terminal() {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{bar:30}] {pos}/{len} files  {msg}  {elapsed} (~{eta} left)",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        Bar {
            bar,
            verbose,
            started: Instant::now(),
            docs: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
        }
    }
}

impl Progress for Bar {
    fn start(&self, files: u64, _bytes: u64) {
        self.bar.set_length(files);
        self.bar.enable_steady_tick(Duration::from_millis(200));
    }

    fn file(&self, path: &str, outcome: &str, bytes: u64, docs: usize) {
        if self.verbose {
            // Printed above the bar, not through it.
            self.bar
                .suspend(|| eprintln!("{}: {}", sanitize(path), sanitize(outcome)));
        }
        if outcome == "removed" {
            return;
        }
        let docs = self.docs.fetch_add(docs as u64, Ordering::Relaxed) + docs as u64;
        let bytes = self.bytes.fetch_add(bytes, Ordering::Relaxed) + bytes;
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "{docs} docs, {:.0} docs/s, {:.1} MB/s",
            docs as f64 / secs,
            bytes as f64 / 1e6 / secs
        ));
        self.bar.inc(1);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
