//! Example bodies: checked against their documented type, and embedded as raw strings.

use crate::diagnostics::{Code, Diagnostic, Source};
use crate::ir::{ExampleBody, Schema};
use crate::validate::{self, Shape};

/// The JSON text a test embeds: the page's body as the lenient parser read it (and as resolve
/// corrected it), printed strictly.
pub(super) fn body_text(
    body: &ExampleBody,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<proc_macro2::Literal> {
    match &body.json {
        Some(json) => serde_json::to_string_pretty(json)
            .ok()
            .map(|t| raw_string(&t)),
        None => {
            let reason = match &body.non_json_type {
                Some(t) => format!("example body is `{t}`, not JSON, where the operation reads or sends JSON; not tested"),
                None => "example body is not JSON even read leniently; not tested".to_owned(),
            };
            diagnostics.push(Diagnostic::new(
                Code::ExampleNotTested,
                &body.source,
                reason,
            ));
            None
        }
    }
}

/// A body that fits its type: the literal a test embeds, and how the test compares the model's
/// serialization with it.
pub(super) struct CheckedBody {
    literal: proc_macro2::Literal,
    /// Paths of the numbers typed `Single`, which compare at `f32` precision.
    singles: Vec<String>,
}

impl quote::ToTokens for CheckedBody {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        self.literal.to_tokens(tokens);
    }
}

impl CheckedBody {
    /// The round-trip assert of `value` against `BODY`: numbers compare at the precision of
    /// their declared type, so a `Single` the page writes with 17 digits compares as an `f32`.
    pub(super) fn round_trip(&self, value: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
        if self.singles.is_empty() {
            return quote::quote!(crate::runtime::testing::assert_round_trip(#value, BODY););
        }
        let singles = &self.singles;
        quote::quote!(crate::runtime::testing::assert_round_trip_as(#value, BODY, &[#(#singles),*]);)
    }
}

/// The body as a literal for a test, when it fits the type the operation reads it as; otherwise
/// a diagnostic at the line of the offending value says why it is not tested.
pub(super) fn checked_body(
    schema: &Schema,
    body: &ExampleBody,
    shape: &Shape<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<CheckedBody> {
    let Some(original) = body.json.as_ref() else {
        // Reports why.
        return body_text(body, diagnostics).map(|literal| CheckedBody {
            literal,
            singles: Vec::new(),
        });
    };
    let mut json = original.clone();
    // A few slips of spelling are corrected (and reported) so that the example tests what it means.
    for _ in 0..16 {
        match validate::check(schema, &json, shape) {
            Ok(findings) => {
                for u in findings.undocumented {
                    diagnostics.push(Diagnostic::new(
                        Code::ExamplePropertyUndocumented,
                        &line_of(body, Some(&u.key)),
                        format!(
                            "example gives `{}` at `{}`, which the pages do not document for `{}`; the SDK keeps it in `additional_properties`",
                            u.key, u.path, u.owner
                        ),
                    ));
                }
                for u in findings.unknown_enum_values {
                    diagnostics.push(Diagnostic::new(
                        Code::ExampleEnumValueUnknown,
                        &line_of(body, u.key.as_deref()),
                        format!(
                            "example value {:?} at `{}` is not a member of `{}`; the SDK keeps it as an unrecognized value",
                            u.value, u.path, u.enum_name
                        ),
                    ));
                }
                return serde_json::to_string_pretty(&json)
                    .ok()
                    .map(|t| CheckedBody {
                        literal: raw_string(&t),
                        singles: findings.singles,
                    });
            }
            Err(mismatch) => {
                let at = line_of(body, mismatch.key.as_deref());
                let fixed = mismatch.meant.as_ref().and_then(|meant| {
                    let slot = json.pointer_mut(&json_pointer(&mismatch.path)?)?;
                    let written = slot.to_string();
                    *slot = (**meant).clone();
                    Some(written)
                });
                match fixed {
                    Some(written) => diagnostics.push(Diagnostic::new(
                        Code::ExampleValueCorrected,
                        &at,
                        format!(
                            "example writes {written} at `{}`: {}; tested as {}",
                            mismatch.path,
                            mismatch.message.split(", but").next().unwrap_or_default(),
                            mismatch
                                .meant
                                .as_ref()
                                .map(ToString::to_string)
                                .unwrap_or_default()
                        ),
                    )),
                    None => {
                        diagnostics.push(Diagnostic::new(
                            Code::ExampleNotTested,
                            &at,
                            format!(
                                "example body does not fit the documented type at `{}`: {}; not tested",
                                mismatch.path, mismatch.message
                            ),
                        ));
                        return None;
                    }
                }
            }
        }
    }
    None
}

/// `$.value[0].isOwner` -> `/value/0/isOwner`.
pub(super) fn json_pointer(path: &str) -> Option<String> {
    let mut rest = path.strip_prefix('$')?;
    let mut pointer = String::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']')?;
            pointer.push('/');
            pointer.push_str(&after[..end]);
            rest = &after[end + 1..];
        } else if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            pointer.push('/');
            pointer.push_str(&after[..end].replace('~', "~0").replace('/', "~1"));
            rest = &after[end..];
        } else {
            return None;
        }
    }
    Some(pointer)
}

/// The line in the page where `"key"` first appears in the body, else the body's first line.
pub(super) fn line_of(body: &ExampleBody, key: Option<&str>) -> Source {
    let offset = key
        .and_then(|k| {
            let quoted = format!("\"{k}\"");
            body.raw.lines().position(|l| l.contains(&quoted))
        })
        .unwrap_or(0);
    Source::new(&body.source.file, body.source.line + offset)
}

/// A raw string literal, so that embedded JSON reads as it does on the page.
pub(super) fn raw_string(text: &str) -> proc_macro2::Literal {
    let hashes = (1..)
        .map(|n| "#".repeat(n))
        .find(|h| !text.contains(&format!("\"{h}")))
        .expect("some number of hashes is not in the text");
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| proc_macro2::Literal::string(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_paths_become_json_pointers() {
        assert_eq!(json_pointer("$").as_deref(), Some(""));
        assert_eq!(
            json_pointer("$.value[0].createdDateTime").as_deref(),
            Some("/value/0/createdDateTime")
        );
        // `~` and `/` in a key are escaped as RFC 6901 says.
        assert_eq!(json_pointer("$.a/b.c~d").as_deref(), Some("/a~1b/c~0d"));
        assert_eq!(json_pointer("value"), None);
        assert_eq!(json_pointer("$[0"), None);
    }

    #[test]
    fn raw_strings_take_enough_hashes() {
        assert_eq!(raw_string("{}").to_string(), "r#\"{}\"#");
        assert_eq!(raw_string("a \"# b").to_string(), "r##\"a \"# b\"##");
    }
}
