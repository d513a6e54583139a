//! Issue 5: the appendix as the part of a plan that keeps changing. Appendix-only
//! output (Mẫu 2.1/2.2), tracked changes against an old version, the CSV round trip
//! and watch mode, each run through the binary as a clerk runs it.

#[path = "../rendered/mod.rs"]
mod rendered;
#[path = "../tools/mod.rs"]
mod tools;
#[allow(dead_code)]
#[path = "../cli/util.rs"]
mod util;

mod csv_round_trip;
mod docx_text;
mod only;
mod since;
mod watch;
