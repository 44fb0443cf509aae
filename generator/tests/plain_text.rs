//! `inline::spans` skips the markdown parser for text it deems plain; on every line and table
//! cell of the pages (the seed pages, and the whole reference when `GRAPH_DOCS_DIR` is set) the
//! shortcut must give what the parser gives.

mod common;

use graphgen::parse::inline::{is_plain, parsed_spans, spans};

/// (texts checked, texts that took the shortcut)
fn check_folder(dir: &std::path::Path) -> (usize, usize) {
    let (pages, _) = graphgen::load::load_pages(dir).unwrap();
    let (mut checked, mut plain) = (0, 0);
    for page in &pages {
        for line in page.text.lines() {
            let cells = line.split('|').map(str::trim);
            for text in std::iter::once(line).chain(cells) {
                checked += 1;
                if is_plain(text) {
                    plain += 1;
                    assert_eq!(
                        spans(text),
                        parsed_spans(text),
                        "{}: shortcut and parser disagree on {text:?}",
                        page.name
                    );
                }
            }
        }
    }
    (checked, plain)
}

#[test]
fn shortcut_agrees_with_the_parser_on_the_seed_pages() {
    let (checked, plain) = check_folder(&common::specs_dir());
    assert!(plain > 50 && plain < checked, "{plain} of {checked}");
}

#[test]
fn shortcut_agrees_with_the_parser_on_the_whole_reference() {
    let Some(dir) = common::corpus_folder("v1.0-2021") else {
        return;
    };
    let (checked, plain) = check_folder(&dir);
    eprintln!("{plain} of {checked} lines and cells took the shortcut");
    assert!(plain > 10_000, "{plain} of {checked}");
}

#[test]
fn shortcut_is_not_taken_where_markdown_could_mean_something() {
    for text in [
        "1. a list",
        "- item",
        "    code",
        "A `code` span",
        "a [link](x.md)",
        "a &amp; b",
        "two\nlines",
        "# heading",
        "> quote",
        "<b>bold</b>",
    ] {
        assert!(!is_plain(text), "{text:?}");
    }
    assert!(is_plain(
        "Read-only. The user's display name (for example, Adele)."
    ));
}
