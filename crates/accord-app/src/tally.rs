//! Counts of what this process recorded and refused, for the operator's
//! metrics: events recorded by kind, and refused acts by the rules' code.
//!
//! Counted where every act passes (`App::execute_with`), so that an act
//! from a page, the API or the console counts once, whatever its use case.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Mutex, PoisonError};

use accord_domain::event::Event;

/// Events recorded and acts refused since the process started.
#[derive(Debug, Default)]
pub struct ActTally {
    recorded: Mutex<BTreeMap<String, u64>>,
    refused: Mutex<BTreeMap<&'static str, u64>>,
}

impl ActTally {
    pub(crate) fn recorded<'a>(&self, events: impl IntoIterator<Item = &'a Event>) {
        let mut recorded = self.recorded.lock().unwrap_or_else(PoisonError::into_inner);
        for event in events {
            *recorded.entry(kind(event)).or_default() += 1;
        }
    }

    pub(crate) fn refused(&self, code: &'static str) {
        *self
            .refused
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(code)
            .or_default() += 1;
    }

    /// Events recorded, by kind (`ProjectProposed`), in name order.
    pub fn recorded_by_kind(&self) -> Vec<(String, u64)> {
        let recorded = self.recorded.lock().unwrap_or_else(PoisonError::into_inner);
        recorded.iter().map(|(k, n)| (k.clone(), *n)).collect()
    }

    /// Acts refused by the rules, by code (`not_signatory`), in code order.
    pub fn refused_by_code(&self) -> Vec<(&'static str, u64)> {
        let refused = self.refused.lock().unwrap_or_else(PoisonError::into_inner);
        refused.iter().map(|(k, n)| (*k, *n)).collect()
    }
}

/// An event's kind: its variant's name, which is also its `type` in the
/// log. Read from the derived `Debug`, stopped after the name, so that a
/// large event is not formatted whole.
pub fn kind(event: &Event) -> String {
    struct Name(String);
    impl std::fmt::Write for Name {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            for c in s.chars() {
                if c.is_ascii_alphanumeric() || c == '_' {
                    self.0.push(c);
                } else {
                    return Err(std::fmt::Error);
                }
            }
            Ok(())
        }
    }
    let mut name = Name(String::new());
    // The error is the stop after the name, not a failure.
    let _ = write!(name, "{event:?}");
    name.0
}
