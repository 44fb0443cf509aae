//! Resolved types by name, with the questions the URL space asks of them: which property a
//! segment names, and how two types relate by inheritance.

use std::collections::{BTreeMap, HashMap};

use crate::ir::{NameKey, Property, Resolved, TypeDef};

pub(super) struct TypeIndex<'a> {
    by_name: BTreeMap<NameKey, &'a TypeDef>,
    /// Per type, its properties and relationships and those it inherits, by folded name: the
    /// URL space asks this for every segment of every path.
    members: HashMap<NameKey, HashMap<NameKey, &'a Property>>,
}

impl<'a> TypeIndex<'a> {
    pub fn new(types: &'a [TypeDef]) -> Self {
        let mut index = TypeIndex {
            by_name: types.iter().map(|t| (NameKey::of(&t.name), t)).collect(),
            members: HashMap::new(),
        };
        for t in types {
            let mut members: HashMap<NameKey, &'a Property> = HashMap::new();
            // Nearest type first, relationships before properties: the first of a name wins.
            for def in index.lineage(&t.name) {
                for p in def.navigation_properties.iter().chain(&def.properties) {
                    members.entry(NameKey::of(&p.name)).or_insert(p);
                }
            }
            index.members.entry(NameKey::of(&t.name)).or_insert(members);
        }
        index
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
        let owner = self.get(owner)?;
        self.members
            .get(&NameKey::of(&owner.name))?
            .get(&NameKey::of(segment))
            .copied()
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
