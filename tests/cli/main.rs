//! Integration tests: the binary, run as a clerk runs it, and the files it writes,
//! opened and measured. One test binary, one module per area.

mod clerk;
mod docx;
mod external;
mod layout;
mod render;
#[path = "../rendered/mod.rs"]
mod rendered;
#[path = "../tools/mod.rs"]
mod tools;
mod util;
