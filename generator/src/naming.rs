//! Every Rust name the generator writes comes from here: valid, readable, never a keyword, never a
//! prelude name, unique within its scope.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be plain identifiers: strict, reserved and edition keywords. Fields and
/// methods get a trailing underscore (`type_`), since `r#self` and friends are not allowed.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names that would shadow the prelude, std types readers expect, or the runtime's own names
/// in generated modules. They get a `Type` suffix.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Self",
    "String",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "Extend",
    "ToString",
    "ToOwned",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "AsRef",
    "AsMut",
    "Debug",
    "Display",
    "Hash",
    "Serialize",
    "Deserialize",
    "Client",
    "Error",
    "Nullable",
    "Page",
    "Binary",
    "DateTimeOffset",
    "Date",
    "TimeOfDay",
    "Duration",
    "Uuid",
];

/// The words of `wire` in ASCII: a letter or digit outside ASCII (`²`, `é`, `Ж`) is spelled
/// out as its code point (`u00b2`) between separators, so that no two names become one and the
/// result is a Rust identifier whatever the text; anything else that is not an ASCII letter or
/// digit separates words. Names in ASCII, the only ones real pages use, are unchanged.
fn ascii_words(wire: &str) -> std::borrow::Cow<'_, str> {
    if wire.is_ascii() {
        return std::borrow::Cow::Borrowed(wire);
    }
    let mut out = String::with_capacity(wire.len() + 8);
    for c in wire.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if c.is_alphanumeric() {
            out.push_str(&format!(" u{:04x} ", c as u32));
        } else {
            out.push(' ');
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `wire` had to be spelled differently to become a name (for a diagnostic).
pub fn is_spelled_out(wire: &str) -> bool {
    !wire.is_ascii()
}

/// `enterpriseCodeSigningCertificate` -> `EnterpriseCodeSigningCertificate`.
pub fn type_name(wire: &str) -> String {
    let camel = ascii_words(wire).to_upper_camel_case();
    let camel = if camel.is_empty() {
        "Unnamed".to_owned()
    } else {
        camel
    };
    let camel = if camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Type{camel}")
    } else {
        camel
    };
    if RESERVED_TYPE_NAMES.contains(&camel.as_str()) {
        format!("{camel}Type")
    } else {
        camel
    }
}

/// Enum members: `notProvisioned` -> `NotProvisioned`, `2G` -> `Value2g`.
pub fn variant_name(wire: &str) -> String {
    let camel = ascii_words(wire).to_upper_camel_case();
    if camel.is_empty() {
        "Empty".to_owned()
    } else if camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Value{camel}")
    } else if camel == "Self" {
        "SelfValue".to_owned()
    } else {
        camel
    }
}

/// Fields, methods and arguments: `@odata.nextLink` -> `odata_next_link`, `type` -> `type_`.
pub fn snake_name(wire: &str) -> String {
    let snake = ascii_words(wire).to_snake_case();
    let snake = if snake.is_empty() {
        "unnamed".to_owned()
    } else {
        snake
    };
    let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{snake}")
    } else {
        snake
    };
    if KEYWORDS.contains(&snake.as_str()) {
        format!("{snake}_")
    } else {
        snake
    }
}

/// `SCREAMING` names for constants, e.g. embedded example bodies.
pub fn constant_name(wire: &str) -> String {
    snake_name(wire).trim_end_matches('_').to_ascii_uppercase()
}

/// Hands out names within one scope; a name already taken (also when it differs only in case)
/// gets a numeric suffix, so `id` and `Id` become `id` and `id_2`.
#[derive(Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks names as taken without handing them out (fields the generator adds itself).
    pub fn reserve(&mut self, names: &[&str]) {
        for name in names {
            self.taken.insert(name.to_ascii_lowercase());
        }
    }

    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains(&name.to_ascii_lowercase())
    }

    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.to_ascii_lowercase()) {
            return name;
        }
        let separator = if name.contains('_') || name.starts_with(|c: char| c.is_ascii_lowercase())
        {
            "_"
        } else {
            ""
        };
        let base = name.trim_end_matches('_');
        (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.to_ascii_lowercase()))
            .expect("an unbounded range always yields a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real names from the Graph reference that have tripped generators.
    #[test]
    fn nasty_names() {
        let table: &[(&str, &str, &str)] = &[
            // (wire, type name, field name)
            (
                "enterpriseCodeSigningCertificate",
                "EnterpriseCodeSigningCertificate",
                "enterprise_code_signing_certificate",
            ),
            ("type", "Type", "type_"),
            ("self", "SelfType", "self_"),
            ("@odata.type", "OdataType", "odata_type"),
            ("@odata.nextLink", "OdataNextLink", "odata_next_link"),
            ("$value", "Value", "value"),
            ("$ref", "Ref", "ref_"),
            ("string", "StringType", "string"),
            ("option", "OptionType", "option"),
            ("error", "ErrorType", "error"),
            ("duration", "DurationType", "duration"),
            ("iOSDeviceType", "IOsDeviceType", "i_os_device_type"),
            (
                "windows10GeneralConfiguration",
                "Windows10GeneralConfiguration",
                "windows10_general_configuration",
            ),
            ("3dView", "Type3dView", "n3d_view"),
            ("async", "Async", "async_"),
            ("move", "Move", "move_"),
            ("", "Unnamed", "unnamed"),
        ];
        for (wire, ty, field) in table {
            assert_eq!(type_name(wire), *ty, "type name of {wire:?}");
            assert_eq!(snake_name(wire), *field, "field name of {wire:?}");
        }
        assert_eq!(variant_name("2G"), "Value2g");
        assert_eq!(variant_name("notProvisioned"), "NotProvisioned");
        assert_eq!(variant_name("Self"), "SelfValue");
    }

    #[test]
    fn names_outside_ascii_are_spelled_out() {
        assert_eq!(snake_name("m²"), "m_u00b2");
        assert_eq!(type_name("m²"), "MU00b2");
        assert_eq!(variant_name("½"), "U00bd");
        assert_eq!(
            type_name("Пользователь"),
            "U041fU043eU043bU044cU0437U043eU0432U0430U0442U0435U043bU044c"
        );
        assert_eq!(snake_name("café"), "caf_u00e9");
        assert_ne!(snake_name("a²"), snake_name("a³"));
        assert_eq!(snake_name("ⅷ"), "u2177");
        assert_eq!(snake_name("🙂"), "unnamed");
    }

    fn is_identifier(name: &str) -> bool {
        syn::parse_str::<syn::Ident>(name).is_ok()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Whatever the text, every kind of name is an identifier `format_ident!` accepts.
        #[test]
        fn any_text_gives_an_identifier(wire in "\\PC{0,12}") {
            for name in [type_name(&wire), variant_name(&wire), snake_name(&wire), constant_name(&wire)] {
                proptest::prop_assert!(is_identifier(&name), "{wire:?} -> {name:?}");
            }
            let mut scope = Scope::new();
            let first = scope.claim(snake_name(&wire));
            let second = scope.claim(snake_name(&wire));
            proptest::prop_assert!(is_identifier(&second) && first != second);
        }
    }

    #[test]
    fn scope_keeps_names_unique_ignoring_case() {
        let mut scope = Scope::new();
        scope.reserve(&["additional_properties"]);
        assert_eq!(scope.claim("id".into()), "id");
        assert_eq!(scope.claim("id".into()), "id_2");
        assert_eq!(scope.claim("Status".into()), "Status");
        assert_eq!(scope.claim("STATUS".into()), "STATUS2");
        assert_eq!(
            scope.claim("additional_properties".into()),
            "additional_properties_2"
        );
    }
}
