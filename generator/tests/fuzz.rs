//! Fuzzing on stable Rust, with a fixed budget that `cargo test` (and so CI) runs: no input aborts
//! the generator, and whatever comes in, what comes out is valid Rust.
//!
//! Three sources of input:
//! - `tests/fuzz-corpus/`: files kept in the repository (page fragments, and every input that
//!   once broke something), each read from disk as a page, through `load`.
//! - [`pathological`]: inputs too large to keep as files (nesting ten thousand deep, tables of
//!   20,000 rows, 3,000-segment paths, 3,000-deep and fanned-out include chains, a lineage of
//!   200 types), built here.
//! - [`arbitrary_pages_never_abort`]: proptest over a grammar of page fragments (headings the
//!   extractors look for, tables, request blocks, annotations, JSON bodies, include lines) mixed
//!   with arbitrary text; `GRAPHGEN_FUZZ_CASES` sets the number of cases (default 256). A
//!   failing case is shrunk and its seed kept in `proptest-regressions/` (commit it).

mod common;

use std::path::{Path, PathBuf};

use graphgen::diagnostics::Code;
use graphgen::load::{FileRole, SourceFile};
use proptest::prelude::*;

/// Generates `files`, in both layouts, and checks that the output parses as Rust.
fn generate_checked(files: &[SourceFile]) -> graphgen::Generation {
    let generation = graphgen::generate(files, "v1.0", Vec::new());
    graphgen::format::crate_files(
        &generation.emitted,
        "fuzzed",
        "// fuzz",
        graphgen::local_runtime().as_deref(),
    )
    .expect("generated code parses");
    let for_build = common::generate_for_build_script(files);
    graphgen::format::out_dir_files(&for_build.emitted, "// fuzz").expect("generated code parses");
    generation
}

/// Writes `files` into a fresh folder below `target/`, so that `load` reads them as a user's
/// folder would be read (NUL bytes, invalid UTF-8, a BOM).
fn write_folder(name: &str, files: &[(String, Vec<u8>)]) -> PathBuf {
    let dir = common::workspace_root()
        .join("target/fuzz-inputs")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for (path, bytes) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

fn generate_folder(dir: &Path) -> graphgen::Generation {
    let (files, load_diagnostics) = graphgen::load::load_pages(dir).expect("readable");
    let mut generation = generate_checked(&files);
    generation.diagnostics.extend(load_diagnostics);
    generation
}

fn has(generation: &graphgen::Generation, code: Code, needle: &str) -> bool {
    generation
        .diagnostics
        .iter()
        .any(|d| d.code == code && d.message.contains(needle))
}

#[test]
fn the_kept_corpus_never_aborts() {
    let corpus = common::workspace_root().join("generator/tests/fuzz-corpus");
    let mut entries: Vec<_> = std::fs::read_dir(&corpus)
        .expect("the corpus is in the repository")
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    assert!(
        entries.len() >= 10,
        "the corpus has {} files",
        entries.len()
    );
    for path in entries {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // Each file as a page, and as the file a page includes.
        let dir = write_folder(
            &name,
            &[
                (format!("api/{name}"), bytes.clone()),
                ("includes/fuzzed.md".to_owned(), bytes),
            ],
        );
        generate_folder(&dir);
    }
}

/// A page whose example response body is `body`, for the operation `GET /widgets`.
fn page_with_body(body: &str) -> String {
    format!(
        "# Get widget\n\n## HTTP request\n```http\nGET /widgets\n```\n\n## Response\n\
         If successful, this method returns a `200 OK` response code.\n\n## Example\n\
         ### Request\n<!-- {{ \"blockType\": \"request\", \"name\": \"get_widget\" }} -->\n\
         ```http\nGET https://graph.microsoft.com/v1.0/widgets\n```\n### Response\n\
         <!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\n\
         Content-type: application/json\n\n{body}\n```\n"
    )
}

fn nested(open: &str, inner: &str, close: &str, depth: usize) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

/// A named set of files (path, bytes), and the finding it must give, if any.
type Case = (
    &'static str,
    Vec<(String, Vec<u8>)>,
    Option<(Code, &'static str)>,
);

/// Inputs of pathological size or depth, each with what must be reported about it.
fn pathological() -> Vec<Case> {
    let page = |text: String| vec![("api/page.md".to_owned(), text.into_bytes())];
    let deep_json = nested("{\"a\":", "1", "}", 10_000);
    let rows: String = (0..20_000)
        .map(|i| format!("|p{i}|String|Property {i}.|\n"))
        .collect();
    let long_path: Vec<String> = (0..3_000)
        .map(|i| match i % 3 {
            0 => format!("s{i}"),
            1 => format!("{{p{i}}}"),
            _ => format!("f{i}(x={i})"),
        })
        .collect();
    let mut chain: Vec<(String, Vec<u8>)> = (0..3_000)
        .map(|i| {
            let text = format!("[!INCLUDE [x](i{}.md)]\n|a|b|\n", i + 1);
            (format!("includes/i{i}.md"), text.into_bytes())
        })
        .collect();
    chain.push((
        "api/page.md".to_owned(),
        b"# Get a\n\n## Permissions\n[!INCLUDE [x](../includes/i0.md)]\n".to_vec(),
    ));
    // Ten files that each include the next ten times: 10^9 lines if nothing stopped it.
    let mut fan: Vec<(String, Vec<u8>)> = (0..10)
        .map(|i| {
            let line = format!("[!INCLUDE [x](l{}.md)]\n", i + 1);
            (format!("includes/l{i}.md"), line.repeat(10).into_bytes())
        })
        .collect();
    fan.push((
        "api/page.md".to_owned(),
        b"# Get a\n\n## Permissions\n[!INCLUDE [x](../includes/l0.md)]\n".to_vec(),
    ));
    // 200 types, each inheriting from the next: a lineage far deeper than any real one.
    let lineage: Vec<(String, Vec<u8>)> = (0..200)
        .map(|i| {
            let text = format!(
                "# t{i} resource type\n\nT.\n\nInherits from [t{n}](t{n}.md).\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|p{i}|String|P.|\n",
                n = i + 1
            );
            (format!("resources/t{i}.md"), text.into_bytes())
        })
        .collect();
    vec![
        (
            "deep-inheritance",
            lineage,
            Some((Code::InheritanceTooDeep, "more than 32 base types")),
        ),
        (
            "deep-json-body",
            page(page_with_body(&deep_json)),
            Some((Code::ExampleNotStrictJson, "nested deeper than 128")),
        ),
        (
            "deep-annotation",
            page(format!(
                "<!-- {{\"blockType\": \"request\", \"a\": {deep_json}}} -->\n```http\nGET /a\n```\n"
            )),
            Some((Code::BadAnnotation, "nested deeper than 128")),
        ),
        (
            "deep-markdown",
            page(format!(
                "{}\n{}\n{}\n{}\n",
                ">".repeat(10_000),
                nested("[", "x", "](y)", 10_000),
                nested("*_", "x", "_*", 10_000),
                (0..3_000).map(|i| format!("{}- x\n", "  ".repeat(i))).collect::<String>()
            )),
            None,
        ),
        (
            "deep-type",
            page(format!(
                "# a resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|p|{}|d|\n",
                nested("Collection(", "String", ")", 10_000)
            )),
            None,
        ),
        (
            "huge-table",
            page(format!(
                "# big resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n{rows}"
            )),
            None,
        ),
        (
            "long-path",
            page(format!(
                "# Get a\n\n## HTTP request\n```http\nGET /{}\n```\n",
                long_path.join("/")
            )),
            None,
        ),
        (
            "long-segment",
            page(format!(
                "# Get a\n\n## HTTP request\n```http\nGET /{}\n```\n",
                "b".repeat(1_000_000)
            )),
            None,
        ),
        ("include-chain", chain, Some((Code::IncludeLimit, "nest at most"))),
        ("include-fan", fan, Some((Code::IncludeLimit, "more than 100000 lines"))),
        (
            "nul-and-bad-utf8",
            vec![
                ("api/nul.md".to_owned(), b"# Get a\0\n```http\nGET /a\n```\n".to_vec()),
                ("api/bad.md".to_owned(), b"# Get a\xff\xfe\n".to_vec()),
                ("api/fine.md".to_owned(), b"# Get b\n\n## HTTP request\n```http\nGET /b\n```\n".to_vec()),
            ],
            Some((Code::NotText, "NUL")),
        ),
        (
            "crlf-bom-unterminated",
            page(
                "\u{feff}# Get a\r\n\r\n## HTTP request\r\n```http\r\nGET /a\r\n\r\n## Response\r\n```json\r\n{"
                    .to_owned(),
            ),
            None,
        ),
    ]
}

#[test]
fn pathological_inputs_are_reported_not_fatal() {
    for (name, files, expected) in pathological() {
        let dir = write_folder(name, &files);
        let generation = generate_folder(&dir);
        if let Some((code, needle)) = expected {
            assert!(
                has(&generation, code, needle),
                "{name}: no `{code}` finding saying `{needle}`; got {:#?}",
                generation
                    .diagnostics
                    .iter()
                    .map(|d| format!("{} {}:{} {}", d.code, d.file, d.line, d.message))
                    .collect::<Vec<_>>()
            );
        }
    }
}

/// The words that steer the extractors, so that fuzzed pages reach past the parser.
const HEADINGS: &[&str] = &[
    "## HTTP request",
    "## Properties",
    "## Relationships",
    "## Permissions",
    "### Permissions for chat",
    "## Request headers",
    "## Request body",
    "## Response",
    "## Example",
    "### Request",
    "### Response",
    "## JSON representation",
    "## Members",
    "## Function parameters",
];

const CELLS: &[&str] = &[
    "String",
    "Int32",
    "Single",
    "Boolean",
    "DateTimeOffset",
    "Collection(String)",
    "[widget](widget.md)",
    "[widget](widget.md) collection",
    "microsoft.graph.widget",
    "widgetKind",
    "Delegated (work or school account)",
    "Application",
    "Not supported.",
    "User.Read, User.ReadWrite.All",
    "",
    "`name`",
    "Optional.",
    "Required.",
];

fn text() -> impl Strategy<Value = String> {
    "[ -~]{0,30}"
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![prop::sample::select(CELLS).prop_map(str::to_owned), text()]
}

fn table() -> impl Strategy<Value = String> {
    let row =
        prop::collection::vec(cell(), 0..5).prop_map(|cells| format!("|{}|\n", cells.join("|")));
    (prop::collection::vec(row, 0..8), 1..5usize).prop_map(|(rows, columns)| {
        let mut out = format!(
            "|Property|Type|Description{}\n",
            "|x".repeat(columns.saturating_sub(3))
        );
        out.push_str("|:---|:---|:---|\n");
        out.extend(rows);
        out
    })
}

fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z]{1,8}",
        "\\{[a-z-]{1,8}\\}",
        "[a-z]{1,6}\\([a-z]{1,4}=[a-z'{}0-9]{0,6}\\)",
        "\\$(ref|value|count)",
        text(),
    ]
}

fn request_block() -> impl Strategy<Value = String> {
    let line = (
        prop::sample::select(&["GET", "POST", "PATCH", "PUT", "DELETE", "get", "FOO"][..]),
        prop::collection::vec(segment(), 0..6),
    )
        .prop_map(|(method, segments)| format!("{method} /{}\n", segments.join("/")));
    prop::collection::vec(line, 0..4).prop_map(|lines| format!("```http\n{}```\n", lines.concat()))
}

fn json() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("1.5".to_owned()),
        Just("4.666666666666667".to_owned()),
        Just("true".to_owned()),
        "\"[ -~&&[^\"\\\\]]{0,12}\"".prop_map(|s| s),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec(("[a-zA-Z@.]{1,10}", inner), 0..4).prop_map(|members| {
                let members: Vec<String> = members
                    .iter()
                    .map(|(k, v)| format!("\"{k}\": {v}"))
                    .collect();
                format!("{{{}}}", members.join(",\n"))
            }),
        ]
    })
}

fn example() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["request", "response", "resource", "ignored", "example"][..]),
        prop::sample::select(&["", "microsoft.graph.widget", "Collection(microsoft.graph.widget)"][..]),
        json(),
        prop::bool::ANY,
    )
        .prop_map(|(block, ty, body, http)| {
            let annotation = format!("<!-- {{ \"blockType\": \"{block}\", \"@odata.type\": \"{ty}\" }} -->\n");
            if http {
                format!("{annotation}```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n")
            } else {
                format!("{annotation}```json\n{body}\n```\n")
            }
        })
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        text().prop_map(|t| format!("{t}\n")),
        prop::sample::select(HEADINGS).prop_map(|h| format!("\n{h}\n\n")),
        table(),
        request_block(),
        example(),
        (0..3u8).prop_map(|i| format!("[!INCLUDE [x](../includes/f{i}.md)]\n")),
        prop::sample::select(
            &["```", "```json", "<!--", "-->", "---", "> ", "- ", "\r\n", "\u{feff}"][..]
        )
        .prop_map(str::to_owned),
        "[\\PC]{0,20}",
    ]
}

fn page_text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..24).prop_map(|f| f.concat())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: common::fuzz_cases(),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_pages_never_abort(
        title in prop::sample::select(&["# widget resource type", "# Get widget", "# widgetKind enum type", "# Update widget", ""][..]),
        api in page_text(),
        resource in page_text(),
        includes in prop::collection::vec(page_text(), 3),
    ) {
        let mut files = vec![
            common::page("api/widget-get.md", &format!("{title}\n{api}")),
            common::page("resources/widget.md", &format!("# widget resource type\n{resource}")),
        ];
        for (i, text) in includes.into_iter().enumerate() {
            files.push(SourceFile {
                name: format!("includes/f{i}.md"),
                text,
                role: FileRole::Include,
            });
        }
        generate_checked(&files);
    }
}
