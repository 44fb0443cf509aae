//! A user's crate: the Graph SDK its build script generated, and nothing else.
graph_typed_runtime::include_sdk!();
