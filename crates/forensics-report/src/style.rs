//! Terminal styles. The caller decides whether colour is wanted; with colour
//! off every style renders as nothing, so the text output is plain.

use anstyle::{AnsiColor, Effects, Style};

#[derive(Clone, Copy)]
pub(crate) struct Palette {
    on: bool,
}

impl Palette {
    pub(crate) fn new(on: bool) -> Self {
        Palette { on }
    }

    fn paint(&self, style: Style, s: &str) -> String {
        if self.on && !s.is_empty() {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_string()
        }
    }

    pub(crate) fn heading(&self, s: &str) -> String {
        self.paint(Style::new().effects(Effects::BOLD), s)
    }
    pub(crate) fn dim(&self, s: &str) -> String {
        self.paint(Style::new().effects(Effects::DIMMED), s)
    }
    pub(crate) fn id(&self, s: &str) -> String {
        self.paint(AnsiColor::Cyan.on_default(), s)
    }
    pub(crate) fn role(&self, s: &str) -> String {
        self.paint(AnsiColor::Yellow.on_default(), s)
    }
    pub(crate) fn warn(&self, s: &str) -> String {
        self.paint(AnsiColor::Magenta.on_default().effects(Effects::BOLD), s)
    }
    /// Removed words: red and struck through; without colour, `[-…-]`.
    pub(crate) fn removed(&self, s: &str) -> String {
        if self.on { self.paint(AnsiColor::Red.on_default().effects(Effects::STRIKETHROUGH), s) } else { format!("[-{s}-]") }
    }
    /// A coloured marker sign (`-`, `+`) that stays plain without colour.
    pub(crate) fn minus(&self, s: &str) -> String {
        self.paint(AnsiColor::Red.on_default(), s)
    }
    pub(crate) fn plus(&self, s: &str) -> String {
        self.paint(AnsiColor::Green.on_default(), s)
    }
    /// Inserted words: green and underlined; without colour, `{+…+}`.
    pub(crate) fn inserted(&self, s: &str) -> String {
        if self.on { self.paint(AnsiColor::Green.on_default().effects(Effects::UNDERLINE), s) } else { format!("{{+{s}+}}") }
    }
}
