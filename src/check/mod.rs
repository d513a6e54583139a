//! `check`: finds what would make a signed plan need re-issuing — a wrong number, a
//! misdated or conflicting citation, a broken recipients list, a typo such as
//! "Kế Kế hoạch" — while the plan is still YAML.
//!
//! Every rule has a stable id (`ND30-…` for rules taken from Decree 30, with the clause;
//! `KH-…` for kehoach's own), one severity, and a `help` that says what to do. The table
//! [`RULES`] lists them all, including the loading rules that `load.rs` emits, so that
//! `kehoach check --list-rules` and the README print one list.
//!
//! Severity: `error` for what makes the plan wrong (the renderer refuses it), `warning`
//! for what a clerk should look at but may keep. Repeated words are warnings because
//! Vietnamese has legitimate reduplication ("dần dần", "người người, nhà nhà").

mod fields;
mod holds;
mod locate;
mod mentions;
mod rules;
mod words;

use crate::diag::{Diagnostic, Severity, Source};
use crate::plan::{Loc, Plan, Text};
use crate::timespan::{self, Reading, Span};

use fields::{Field, Role};
use mentions::Mention;

/// One rule of the table: what `kehoach check --list-rules` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable id, e.g. `KH-CITE-CONFLICT`.
    pub id: &'static str,
    pub severity: Severity,
    /// The Decree 30 clause the rule comes from, when there is one.
    pub clause: Option<&'static str>,
    /// One line: what the rule finds.
    pub summary: &'static str,
}

impl RuleInfo {
    /// A finding of this rule. `help` is required: every finding says what to do.
    pub(crate) fn report(
        &self,
        at: Loc,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Diagnostic {
        let d = match self.severity {
            Severity::Error => Diagnostic::error(self.id, at, message),
            Severity::Warning => Diagnostic::warning(self.id, at, message),
        };
        let d = d.help(help);
        match self.clause {
            Some(c) => d.clause(c),
            None => d,
        }
    }
}

/// Every rule, loading rules first, then by family.
pub const RULES: &[RuleInfo] = rules::ALL;

/// The rule table as printed by `kehoach check --list-rules`: id, severity, summary, clause.
pub fn rules_table() -> String {
    let mut out = String::new();
    for r in RULES {
        let severity = match r.severity {
            Severity::Error => crate::msg!("report.error"),
            Severity::Warning => crate::msg!("report.warning"),
        };
        out.push_str(&format!("{:<30} {:<8} {}", r.id, severity, r.summary));
        if let Some(clause) = r.clause {
            out.push_str(&format!(" [{clause}]"));
        }
        out.push('\n');
    }
    out
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id)
}

/// Builds the rules' regexes on two threads at once. Otherwise the first plan checked
/// builds them all (~8 ms) while the other threads wait on the same locks: a fixed cost
/// a batch of a few hundred plans feels.
pub fn prepare() {
    rayon::join(crate::timespan::prepare, mentions::prepare);
}

/// Whether the plan is an issued document: it has a number (`so`) and a full date
/// (`ngay: YYYY-MM-DD`). An issued plan is reproduced as signed; a draft is guarded.
pub(crate) fn is_issued(plan: &Plan) -> bool {
    let numbered = plan.so.as_ref().is_some_and(|s| !s.value.trim().is_empty());
    let dated = plan
        .ngay
        .as_ref()
        .and_then(|d| crate::numbering::PlanDate::parse(d.value.trim()).ok())
        .is_some_and(|d| d.day.is_some());
    numbered && dated
}

/// Errors that stop even an issued plan (and `render --force`): they are not about what
/// the text says but about data the document cannot be built from faithfully — a
/// number that is not a number, a date that does not exist, a `[@id]` that names
/// nothing or two documents.
pub(crate) const BLOCKING: &[&str] = &[
    "ND30-SO-NOT-NUMBER",
    "KH-DATE-INVALID",
    "KH-PERIOD-INVALID",
    "KH-CITE-UNKNOWN-ID",
    "KH-CITE-DUPLICATE-ID",
];

/// Runs every rule over a loaded plan. `source` is the text the plan was loaded from
/// (locations point into it); diagnostics come sorted by position.
pub fn check(plan: &Plan, source: &Source) -> Vec<Diagnostic> {
    let cx = Cx::new(plan, source);
    let mut out = Vec::new();
    rules::run(&cx, &mut out);
    out.sort_by(|a, b| {
        (a.at.line, a.at.col, a.code, &a.message).cmp(&(b.at.line, b.at.col, b.code, &b.message))
    });
    out.dedup();
    out
}

/// What the rules share: the plan, its source, every string with its role, the
/// citations found in the text (parsed once, used by the citation and date rules), and
/// what each text says about time (read once: a task's `thoi_han` is read by three rules).
pub(crate) struct Cx<'a> {
    pub plan: &'a Plan,
    pub source: &'a Source,
    pub fields: Vec<Field<'a>>,
    pub mentions: Vec<Mention>,
    /// `timespan::read` of each field, in the order of `fields`; nothing for identifiers.
    pub times: Vec<Reading>,
}

impl<'a> Cx<'a> {
    fn new(plan: &'a Plan, source: &'a Source) -> Cx<'a> {
        let fields = fields::all(plan);
        let mentions = mentions::collect(plan, &fields, source);
        let times = fields
            .iter()
            .map(|f| match f.role {
                Role::Code => Reading::default(),
                Role::Prose | Role::Label => timespan::read(&f.text.value),
            })
            .collect();
        Cx {
            plan,
            source,
            fields,
            mentions,
            times,
        }
    }

    /// Every task's `thoi_han` with the span it names, in task order.
    pub fn deadlines(&self) -> impl Iterator<Item = (&'a Text, Option<Span>)> + '_ {
        // `fields` lists the tasks in the order of `Plan::tasks`, and only their
        // deadlines under the key `thoi_han`.
        self.fields
            .iter()
            .zip(&self.times)
            .filter(|(f, _)| f.key == "thoi_han")
            .map(|(f, r)| (f.text, r.span))
    }

    /// The location of `len` bytes at byte `start` of a field's value.
    pub fn at(&self, text: &Text, start: usize, len: usize) -> Loc {
        locate::within(text, self.source, start, len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_are_the_tasks_own_in_task_order() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/ninh-hoa-2325-2021.yaml");
        let l = crate::load::load_file(&path).unwrap();
        let cx = Cx::new(&l.plan, &l.source);
        let from_fields: Vec<*const Text> = cx.deadlines().map(|(t, _)| t as *const Text).collect();
        let from_tasks: Vec<*const Text> = l
            .plan
            .tasks()
            .filter_map(|(_, _, task)| task.thoi_han.as_ref().map(|t| t as *const Text))
            .collect();
        assert!(from_tasks.len() > 10);
        assert_eq!(from_fields, from_tasks);
    }
}
