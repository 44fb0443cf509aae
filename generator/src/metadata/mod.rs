//! The service's own schema (CSDL, `$metadata`), read as a second witness to the pages: what
//! `graphgen check --metadata` compares them with, and what `generate --metadata` consults
//! where the pages contradict each other or leave a type open. Serializable, like the IR.
//!
//! Reading is pure ([`read`]: text in, model and diagnostics out); the front ends load the file.

mod csdl;
mod lookup;
#[cfg(test)]
mod tests;

pub use csdl::read;
pub use lookup::{PathStep, PathWalk};

use serde::{Deserialize, Serialize};

/// The schema one CSDL document describes. Every list is sorted, so lookups can search.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Metadata {
    /// The file it was read from, as the findings name it.
    pub file: String,
    /// Structured types (entity and complex), by namespace then name.
    pub types: Vec<MetaType>,
    pub enums: Vec<MetaEnum>,
    /// Entity sets and singletons: where paths start.
    pub roots: Vec<MetaRoot>,
    /// Actions and functions, bound and unbound.
    pub operations: Vec<MetaOperation>,
}

/// A namespace-qualified name, aliases resolved: `microsoft.graph` + `user`, `Edm` + `String`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct QualifiedName {
    pub namespace: String,
    pub name: String,
}

impl QualifiedName {
    pub fn is_primitive(&self) -> bool {
        self.namespace == "Edm"
    }
}

impl std::fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.namespace, self.name)
    }
}

/// A type as a property, parameter or answer uses it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaTypeRef {
    pub name: QualifiedName,
    pub collection: bool,
}

impl std::fmt::Display for MetaTypeRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.collection {
            write!(f, "Collection({})", self.name)
        } else {
            write!(f, "{}", self.name)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MetaTypeKind {
    Entity,
    Complex,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MetaType {
    pub name: QualifiedName,
    pub kind: MetaTypeKind,
    pub base: Option<QualifiedName>,
    pub is_abstract: bool,
    pub is_open: bool,
    pub properties: Vec<MetaProperty>,
    pub navigation: Vec<MetaProperty>,
    pub line: usize,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MetaProperty {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: MetaTypeRef,
    /// CSDL's default is nullable.
    pub nullable: bool,
    /// A navigation property whose entities live under it (`ContainsTarget`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub contains_target: bool,
    pub line: usize,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MetaEnum {
    pub name: QualifiedName,
    pub is_flags: bool,
    pub members: Vec<MetaMember>,
    pub line: usize,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MetaMember {
    pub name: String,
    pub value: Option<i64>,
    pub line: usize,
}

impl MetaType {
    /// Its own properties and relationships (not inherited ones), each with whether it is a
    /// relationship.
    pub fn members(&self) -> impl Iterator<Item = (&MetaProperty, bool)> {
        self.properties
            .iter()
            .map(|p| (p, false))
            .chain(self.navigation.iter().map(|p| (p, true)))
    }

    /// Whether `p` is one of its relationships.
    pub fn is_relationship(&self, p: &MetaProperty) -> bool {
        self.navigation.iter().any(|n| std::ptr::eq(n, p))
    }
}

impl MetaEnum {
    /// The members the pages do not list: those whose name `listed` does not have, ignoring case.
    pub fn members_not_in(&self, listed: &[&str]) -> Vec<&MetaMember> {
        self.members
            .iter()
            .filter(|m| !listed.iter().any(|l| l.eq_ignore_ascii_case(&m.name)))
            .collect()
    }
}

/// The name the service gives the values it adds after a client was built: members after it are
/// only sent to clients that ask for them (`Prefer: include-unknown-enum-members`).
pub const UNKNOWN_FUTURE_VALUE: &str = "unknownFutureValue";

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MetaRoot {
    pub name: String,
    pub ty: QualifiedName,
    /// An entity set (`users`) rather than a singleton (`me`).
    pub collection: bool,
    pub line: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MetaOperationKind {
    Action,
    Function,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MetaOperation {
    pub name: QualifiedName,
    pub kind: MetaOperationKind,
    /// The binding parameter's type, for a bound operation.
    pub bound_to: Option<MetaTypeRef>,
    /// The other parameters.
    pub parameters: Vec<MetaProperty>,
    pub returns: Option<MetaTypeRef>,
    pub line: usize,
}

impl Metadata {
    /// The structured type of that name, in any namespace when `namespace` is `None`
    /// (`microsoft.graph` first).
    pub fn find_type(&self, namespace: Option<&str>, name: &str) -> Option<&MetaType> {
        find_named(&self.types, |t| &t.name, namespace, name)
    }

    pub fn find_enum(&self, namespace: Option<&str>, name: &str) -> Option<&MetaEnum> {
        find_named(&self.enums, |e| &e.name, namespace, name)
    }

    pub fn type_named(&self, name: &QualifiedName) -> Option<&MetaType> {
        self.find_type(Some(&name.namespace), &name.name)
    }

    /// `t` and the types it derives from, nearest first; stops at a cycle or an unknown base.
    pub fn lineage<'a>(&'a self, t: &'a MetaType) -> Vec<&'a MetaType> {
        let mut out = vec![t];
        let mut current = t;
        while let Some(base) = &current.base {
            match self.type_named(base) {
                Some(b) if !out.iter().any(|o| o.name == b.name) => {
                    out.push(b);
                    current = b;
                }
                _ => break,
            }
        }
        out
    }

    /// Whether `t` is `ancestor` or derives from it.
    pub fn derives_from(&self, t: &QualifiedName, ancestor: &QualifiedName) -> bool {
        self.type_named(t)
            .is_some_and(|t| self.lineage(t).iter().any(|l| &l.name == ancestor))
    }

    /// A structural or navigation property of `t` or of a type it derives from.
    pub fn property<'a>(&'a self, t: &'a MetaType, name: &str) -> Option<&'a MetaProperty> {
        self.declared_property(t, name).map(|(_, p)| p)
    }

    /// [`property`](Self::property), with the type that declares it.
    pub fn declared_property<'a>(
        &'a self,
        t: &'a MetaType,
        name: &str,
    ) -> Option<(&'a MetaType, &'a MetaProperty)> {
        self.lineage(t).into_iter().find_map(|l| {
            l.properties
                .iter()
                .chain(&l.navigation)
                .find(|p| p.name.eq_ignore_ascii_case(name))
                .map(|p| (l, p))
        })
    }
}

/// Case-insensitive lookup, as the pages spell names loosely; an exact spelling wins, then the
/// `microsoft.graph` namespace.
fn find_named<'a, T>(
    items: &'a [T],
    name_of: impl Fn(&T) -> &QualifiedName,
    namespace: Option<&str>,
    name: &str,
) -> Option<&'a T> {
    let lower = |q: &QualifiedName| {
        q.name
            .bytes()
            .map(|b| b.to_ascii_lowercase())
            .cmp(name.bytes().map(|b| b.to_ascii_lowercase()))
    };
    let start = items.partition_point(|t| lower(name_of(t)).is_lt());
    let candidates = items[start..]
        .iter()
        .take_while(|t| lower(name_of(t)).is_eq())
        .filter(|t| namespace.is_none_or(|ns| name_of(t).namespace.eq_ignore_ascii_case(ns)));
    let mut best: Option<&T> = None;
    for t in candidates {
        let q = name_of(t);
        let rank = |q: &QualifiedName| (q.name != name, q.namespace != "microsoft.graph");
        if best.is_none_or(|b| rank(q) < rank(name_of(b))) {
            best = Some(t);
        }
    }
    best
}

/// Items are sorted by lower-cased name, then namespace: one name's types sit together.
pub(crate) fn sort_key(q: &QualifiedName) -> (String, String) {
    (q.name.to_ascii_lowercase(), q.namespace.clone())
}
