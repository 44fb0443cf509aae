//! Path segments of URL templates and example URLs: the IR's vocabulary for paths, parsed by
//! [`crate::parse::path`].

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Segment {
    /// A literal segment: `users`, `$value`, `microsoft.graph.group`.
    Static(String),
    /// `{id | userPrincipalName}`: named by its first alternative.
    Param {
        name: String,
        alternatives: Vec<String>,
    },
    /// `name(key='{value}', other=1)`.
    Function {
        name: String,
        args: Vec<FunctionArg>,
    },
    /// Path-based addressing: `root:/{item-path}:`, `{parent-id}:/{filename}:`,
    /// `{hostname}:/{server-relative-path}` (`closed` is whether the closing `:` is written).
    Address {
        base: Box<Segment>,
        path: String,
        closed: bool,
    },
    /// An alternate key written as its own segment: `roleTemplateId={roleTemplateId}`.
    KeyValue { key: String, value: String },
    /// Anything else, kept verbatim.
    Other(String),
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FunctionArg {
    pub name: String,
    pub value: String,
}

/// How a function argument's value is written in the path, as the runtime's `FunctionArg` sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgShape {
    /// `'x'`: a string.
    Quoted,
    /// `microsoft.graph.kind'x'`: a literal of the named type.
    Typed(String),
    /// `x`: a number, Boolean or other bare value.
    Raw,
}

impl FunctionArg {
    /// How the value is written: `'x'` (quoted), `microsoft.graph.kind'x'` (typed), or bare.
    pub fn shape(&self) -> ArgShape {
        let v = self.value.trim();
        match v.find('\'') {
            Some(0) => ArgShape::Quoted,
            Some(i) if v.ends_with('\'') => ArgShape::Typed(v[..i].to_owned()),
            _ => ArgShape::Raw,
        }
    }

    /// The value inside its quotes and prefix, with `''` unescaped.
    pub fn inner_value(&self) -> String {
        let v = self.value.trim();
        match v.find('\'') {
            Some(i) if v.len() > i + 1 && v.ends_with('\'') => {
                v[i + 1..v.len() - 1].replace("''", "'")
            }
            _ => v.to_owned(),
        }
    }

    /// The caller's name for the argument: its key, or the placeholder's name.
    pub fn param_name(&self, position: usize) -> String {
        if !self.name.is_empty() {
            return self.name.clone();
        }
        let inner = self.inner_value();
        let bare = inner.trim_matches(['{', '}', '<', '>']);
        if !bare.is_empty()
            && bare
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            bare.to_owned()
        } else {
            format!("arg{}", position + 1)
        }
    }
}

impl Segment {
    /// Two segments of templates that address the same place: parameters whatever their names,
    /// static names in any case, functions with the same name and argument names.
    pub fn same_place(&self, other: &Segment) -> bool {
        match (self, other) {
            (Segment::Param { .. }, Segment::Param { .. }) => true,
            (Segment::Static(x), Segment::Static(y)) => x.eq_ignore_ascii_case(y),
            (Segment::Function { name: x, args: a }, Segment::Function { name: y, args: b }) => {
                x.eq_ignore_ascii_case(y) && same_arg_names(a, b)
            }
            (
                Segment::Address {
                    base: a, closed: x, ..
                },
                Segment::Address {
                    base: b, closed: y, ..
                },
            ) => x == y && a.same_place(b),
            _ => self == other,
        }
    }

    pub fn is_param(&self) -> bool {
        matches!(self, Segment::Param { .. })
    }
}

impl std::fmt::Display for Segment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Segment::Static(s) | Segment::Other(s) => f.write_str(s),
            Segment::KeyValue { key, value } => write!(f, "{key}={value}"),
            Segment::Address { base, path, closed } => {
                write!(f, "{base}:/{path}{}", if *closed { ":" } else { "" })
            }
            Segment::Param { name, .. } => write!(f, "{{{name}}}"),
            Segment::Function { name, args } => {
                let args: Vec<String> = args
                    .iter()
                    .map(|a| {
                        if a.name.is_empty() {
                            a.value.clone()
                        } else {
                            format!("{}={}", a.name, a.value)
                        }
                    })
                    .collect();
                write!(f, "{name}({})", args.join(","))
            }
        }
    }
}

pub fn same_arg_names(a: &[FunctionArg], b: &[FunctionArg]) -> bool {
    let names = |args: &[FunctionArg]| {
        let mut n: Vec<String> = args.iter().map(|x| x.name.to_ascii_lowercase()).collect();
        n.sort();
        n
    };
    names(a) == names(b)
}
