//! The message catalogues are embedded in the library at compile time (rust-i18n): a
//! change to them must rebuild it.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
