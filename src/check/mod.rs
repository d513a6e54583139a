//! Placeholder until the rules land.
use crate::diag::{Diagnostic, Source};
use crate::plan::Plan;

pub fn check(_plan: &Plan, _source: &Source) -> Vec<Diagnostic> {
    Vec::new()
}

/// The rule table (placeholder).
pub fn rules_table() -> String {
    String::new()
}
