//! Renderer tests: small documents built by hand, rendered, unzipped and read back
//! with quick-xml.

mod layout;
mod package;
mod sample;
mod schema;
mod xml;
