//! Parsing one page: pure functions from text to a page model, with line numbers.

pub mod annotation;
pub mod fence;
pub mod http;
pub mod include;
pub mod inline;
pub mod json;
pub mod page;
pub mod path;

pub use page::{parse_page, parse_page_with_includes, Page};
