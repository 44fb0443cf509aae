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

/// `enterpriseCodeSigningCertificate` -> `EnterpriseCodeSigningCertificate`.
pub fn type_name(wire: &str) -> String {
    let camel = wire.to_upper_camel_case();
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
    let camel = wire.to_upper_camel_case();
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
    let snake = wire.to_snake_case();
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
