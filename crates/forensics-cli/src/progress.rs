//! Progress bars (only when stderr is a terminal and not `--quiet`), stage
//! timings (`-v`), and capture of the page texts a report needs.

use crate::args::Global;
use forensics::parse::Article;
use forensics::{Observer, Stage};
use forensics_report::Texts;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

pub(crate) struct Watch {
    bars: bool,
    verbose: bool,
    bar: Mutex<Option<ProgressBar>>,
    /// `Some` when the caller wants the parsed texts (HTML report, diff).
    texts: Option<Mutex<Texts>>,
}

impl Watch {
    pub(crate) fn new(g: &Global, keep_texts: bool) -> Self {
        Watch {
            bars: !g.quiet && std::io::stderr().is_terminal(),
            verbose: g.verbose > 0,
            bar: Mutex::new(None),
            texts: keep_texts.then(|| Mutex::new(Texts::new())),
        }
    }

    /// A spinner for work outside the pipeline (reading inputs).
    pub(crate) fn spin<T>(&self, what: &str, f: impl FnOnce() -> T) -> T {
        let start = std::time::Instant::now();
        let bar = self.bars.then(|| {
            let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            b.set_style(ProgressStyle::with_template("{spinner} {msg} {elapsed}").unwrap_or_else(|_| ProgressStyle::default_spinner()));
            b.set_message(what.to_string());
            b.enable_steady_tick(Duration::from_millis(120));
            b
        });
        let out = f();
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        if self.verbose {
            eprintln!("forensics: {what}: {}", ms(start.elapsed()));
        }
        out
    }

    pub(crate) fn take_texts(&self) -> Texts {
        self.texts.as_ref().map(|m| std::mem::take(&mut *m.lock().unwrap_or_else(|e| e.into_inner()))).unwrap_or_default()
    }
}

impl Observer for Watch {
    fn stage_started(&self, stage: Stage, items: usize) {
        if !self.bars {
            return;
        }
        let bar = if items > 0 {
            let b = ProgressBar::with_draw_target(Some(items as u64), ProgressDrawTarget::stderr());
            b.set_style(
                ProgressStyle::with_template("{msg:>18} [{bar:30}] {pos}/{len} {per_sec} eta {eta}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            b
        } else {
            // A count is known only as the stage goes: a spinner (a bar of
            // unknown length would draw an empty bar and "0/0"), with the
            // documents done where the stage reports them.
            let template = if stage == Stage::Parse { "{spinner} {msg:>18} {human_pos} documents, {per_sec} {elapsed}" } else { "{spinner} {msg:>18} {elapsed}" };
            let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            b.set_style(ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner()));
            // Named before the first tick draws it.
            b.set_message(stage.name());
            b.enable_steady_tick(Duration::from_millis(120));
            b
        };
        bar.set_message(stage.name());
        if let Ok(mut slot) = self.bar.lock()
            && let Some(old) = slot.replace(bar)
        {
            old.finish_and_clear();
        }
    }

    fn advanced(&self, n: usize) {
        if self.bars
            && let Ok(slot) = self.bar.lock()
            && let Some(b) = slot.as_ref()
        {
            b.inc(n as u64);
        }
    }

    fn stage_finished(&self, stage: Stage, elapsed: Duration) {
        if let Ok(mut slot) = self.bar.lock()
            && let Some(b) = slot.take()
        {
            b.finish_and_clear();
        }
        if self.verbose {
            eprintln!("forensics: {}: {}", stage.name(), ms(elapsed));
        }
    }

    fn parsed(&self, articles: &[Article]) {
        if let Some(m) = &self.texts {
            let mut t = m.lock().unwrap_or_else(|e| e.into_inner());
            t.extend(articles.iter().map(|a| (a.id.clone(), a.text.clone())));
        }
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
