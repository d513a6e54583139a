//! Renderer tests: build small documents by hand and read the package back.
