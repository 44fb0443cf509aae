//! Arbitrary bytes as a page: loading, parsing, extraction, resolution, emission and formatting
//! must never panic, and what is generated must be valid Rust.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = graphgen::load::decode(data) else {
        return;
    };
    let page = graphgen::load::SourceFile {
        name: "api/fuzzed.md".to_owned(),
        text,
    };
    let generation = graphgen::generate(&[page], "v1.0", Vec::new());
    graphgen::format::out_dir_files(&generation.emitted, "// fuzz").expect("generated code is valid Rust");
});
