//! Resolved types by name, with the questions the URL space asks of them: which property a
//! segment names, and how two types relate by inheritance.

use std::collections::BTreeMap;

use crate::ir::{NameKey, Property, Resolved, TypeDef};

pub(super) struct TypeIndex<'a> {
    by_name: BTreeMap<NameKey, &'a TypeDef>,
}

impl<'a> TypeIndex<'a> {
    pub fn new(types: &'a [TypeDef]) -> Self {
        TypeIndex {
            by_name: types.iter().map(|t| (NameKey::of(&t.name), t)).collect(),
        }
    }

    pub fn all(&self) -> impl Iterator<Item = &'a TypeDef> + '_ {
        self.by_name.values().copied()
    }

    pub fn get(&self, name: &str) -> Option<&'a TypeDef> {
        let bare = name.rsplit('.').next().unwrap_or(name);
        self.by_name.get(&NameKey::of(bare)).copied()
    }

    /// `t` and its base types, nearest first; an inheritance cycle is followed once.
    pub fn lineage(&self, name: &str) -> Vec<&'a TypeDef> {
        let mut seen = Vec::new();
        let mut next = self.get(name);
        while let Some(t) = next {
            if seen.iter().any(|s: &&TypeDef| s.name == t.name) {
                break;
            }
            seen.push(t);
            next = t.base_type.as_deref().and_then(|b| self.get(b));
        }
        seen
    }

    /// The property or relationship of `owner` (or a base type) that `segment` names, whatever
    /// its case: the service matches segments without regard to case.
    pub fn property(&self, owner: &str, segment: &str) -> Option<&'a Property> {
        self.lineage(owner).into_iter().find_map(|t| {
            t.navigation_properties
                .iter()
                .chain(&t.properties)
                .find(|p| p.name.eq_ignore_ascii_case(segment))
        })
    }

    /// The entity type a property holds, and whether it holds many.
    pub fn property_type(&self, owner: &str, segment: &str) -> Option<(String, bool)> {
        let p = self.property(owner, segment)?;
        match &p.ty.resolved {
            Some(Resolved::Type(name)) => Some((name.clone(), p.ty.collection)),
            _ => None,
        }
    }

    /// How many base types `name` has: 0 for a root type (and for a type no page defines).
    pub fn depth(&self, name: &str) -> usize {
        self.lineage(name).len().saturating_sub(1)
    }
}
