//! Arbitrary bytes as a page: loading, parsing, extraction, resolution, emission and formatting
//! must never panic, and what is generated must be valid Rust.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = graphgen::load::decode(data) else {
        return;
    };
    // The same bytes as a page and as a file it may include (`[!INCLUDE [x](fuzzed.md)]`
    // includes itself; `../includes/fuzzed.md` the other).
    let page = graphgen::load::SourceFile {
        name: "api/fuzzed.md".to_owned(),
        text: text.clone(),
        role: graphgen::load::FileRole::Page,
    };
    let include = graphgen::load::SourceFile {
        name: "includes/fuzzed.md".to_owned(),
        text,
        role: graphgen::load::FileRole::Include,
    };
    let generation = graphgen::generate(&[page, include], "v1.0", Vec::new());
    graphgen::format::out_dir_files(&generation.emitted, "// fuzz").expect("generated code is valid Rust");
});
