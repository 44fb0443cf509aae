//! Cycles in the type graph. An inheritance cycle has no meaning and is cut with a warning; types
//! that hold each other by value (a column whose `sourceColumn` is a column) would be structs of
//! infinite size, so the fewest fields that break every such cycle are boxed.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{NameKey, Property, Resolved, TypeDef};

/// How many base types a type may have. The reference's deepest lineage has 4; a derived type
/// carries every inherited field, so a chain of 20,000 would make 2 * 10^8 fields.
pub const MOST_INHERITANCE_DEPTH: usize = 32;

/// Cuts every inheritance cycle (`a` inherits `b` inherits `a`, or `a` itself) at the first type
/// of the cycle in name order, and every lineage deeper than [`MOST_INHERITANCE_DEPTH`] below
/// its deepest allowed base, and says where. Each walk is bounded, so this is linear in types.
pub fn break_inheritance_cycles(types: &mut [TypeDef], diagnostics: &mut Vec<Diagnostic>) {
    let index: BTreeMap<NameKey, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (NameKey::of(&t.name), i))
        .collect();
    for start in 0..types.len() {
        let mut chain = vec![start];
        let mut current = start;
        while let Some(next) = base_index(types, &index, current) {
            if chain.len() > MOST_INHERITANCE_DEPTH {
                diagnostics.push(Diagnostic::new(
                    Code::InheritanceTooDeep,
                    &types[current].source,
                    format!(
                        "`{}` has more than {MOST_INHERITANCE_DEPTH} base types; `{}` is read as inheriting from nothing",
                        types[start].name, types[current].name
                    ),
                ));
                types[current].base_type = None;
                break;
            }
            if next == start {
                let names: Vec<&str> = chain
                    .iter()
                    .chain([&start])
                    .map(|&i| types[i].name.as_str())
                    .collect();
                let message = format!(
                    "inheritance cycle {}; `{}` is read as inheriting from nothing",
                    names.join(" -> "),
                    types[start].name
                );
                diagnostics.push(Diagnostic::new(
                    Code::InheritanceCycle,
                    &types[start].source,
                    message,
                ));
                types[start].base_type = None;
                break;
            }
            if chain.contains(&next) {
                break; // a cycle further up, cut when its first type comes
            }
            chain.push(next);
            current = next;
        }
    }
}

fn base_index(types: &[TypeDef], index: &BTreeMap<NameKey, usize>, i: usize) -> Option<usize> {
    let base = types[i].base_type.as_ref()?;
    index.get(&NameKey::of(base)).copied()
}

/// One field as written on its owner's page: which type and which list it is in.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct FieldId {
    owner: usize,
    navigation: bool,
    position: usize,
}

/// Marks `boxed` on the fewest fields (greedily: the one on most remaining cycles first) so that
/// no struct holds itself by value. A field holds its type by value when it is single and the
/// type has no derived types (those are read into `AnyX`, whose variants are boxed already); a
/// field holds it in every struct that inherits the field. Collections need no box.
pub fn box_recursive_fields(types: &mut [TypeDef]) {
    let index: BTreeMap<NameKey, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (NameKey::of(&t.name), i))
        .collect();
    let mut below: Vec<Vec<usize>> = vec![Vec::new(); types.len()];
    for i in 0..types.len() {
        let mut seen = BTreeSet::from([i]);
        let mut current = i;
        while let Some(b) = base_index(types, &index, current) {
            if !seen.insert(b) {
                break;
            }
            below[b].push(i);
            current = b;
        }
    }
    let mut boxed: BTreeSet<FieldId> = BTreeSet::new();
    loop {
        let edges = value_edges(types, &index, &below, &boxed);
        let component = strongly_connected(types.len(), &edges);
        let mut on_cycles: BTreeMap<FieldId, usize> = BTreeMap::new();
        for &(from, to, field) in &edges {
            if component[from] == component[to] {
                *on_cycles.entry(field).or_default() += 1;
            }
        }
        // Most cycle edges first; among equals the first field in schema order.
        let Some((&field, _)) = on_cycles
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        else {
            break;
        };
        boxed.insert(field);
    }
    for f in boxed {
        let t = &mut types[f.owner];
        let list = if f.navigation {
            &mut t.navigation_properties
        } else {
            &mut t.properties
        };
        list[f.position].boxed = true;
    }
}

/// `(struct, type it holds by value, field)` for every unboxed field.
fn value_edges(
    types: &[TypeDef],
    index: &BTreeMap<NameKey, usize>,
    below: &[Vec<usize>],
    boxed: &BTreeSet<FieldId>,
) -> Vec<(usize, usize, FieldId)> {
    let mut edges = Vec::new();
    for (owner, t) in types.iter().enumerate() {
        let lists = [(false, &t.properties), (true, &t.navigation_properties)];
        for (navigation, list) in lists {
            for (position, p) in list.iter().enumerate() {
                let field = FieldId {
                    owner,
                    navigation,
                    position,
                };
                let Some(target) = held_by_value(p, index) else {
                    continue;
                };
                if boxed.contains(&field) || !below[target].is_empty() {
                    continue;
                }
                for &holder in std::iter::once(&owner).chain(&below[owner]) {
                    edges.push((holder, target, field));
                }
            }
        }
    }
    edges
}

fn held_by_value(p: &Property, index: &BTreeMap<NameKey, usize>) -> Option<usize> {
    match &p.ty.resolved {
        Some(Resolved::Type(name)) if !p.ty.collection => index.get(&NameKey::of(name)).copied(),
        _ => None,
    }
}

/// Tarjan's algorithm without recursion: the component number of each node.
fn strongly_connected(nodes: usize, edges: &[(usize, usize, FieldId)]) -> Vec<usize> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); nodes];
    for &(from, to, _) in edges {
        out[from].push(to);
    }
    const UNSEEN: usize = usize::MAX;
    let mut order = vec![UNSEEN; nodes];
    let mut low = vec![0; nodes];
    let mut component = vec![UNSEEN; nodes];
    let mut stack: Vec<usize> = Vec::new();
    let mut counter = 0;
    let mut components = 0;
    for root in 0..nodes {
        if order[root] != UNSEEN {
            continue;
        }
        // (node, next edge to follow)
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        order[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        while let Some(&mut (node, ref mut next)) = work.last_mut() {
            if let Some(&to) = out[node].get(*next) {
                *next += 1;
                if order[to] == UNSEEN {
                    order[to] = counter;
                    low[to] = counter;
                    counter += 1;
                    stack.push(to);
                    work.push((to, 0));
                } else if component[to] == UNSEEN {
                    low[node] = low[node].min(order[to]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    component[member] = components;
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Source;
    use crate::ir::{TypeKind, TypeRef};

    fn field(name: &str, ty: &str, collection: bool) -> Property {
        Property {
            name: name.into(),
            ty: TypeRef {
                written: ty.into(),
                name: ty.into(),
                collection,
                resolved: Some(Resolved::Type(ty.into())),
            },
            description: String::new(),
            read_only: false,
            nullable: None,
            required: false,
            boxed: false,
            from_metadata: false,
            source: Source::default(),
        }
    }

    fn ty(name: &str, base: Option<&str>, properties: Vec<Property>) -> TypeDef {
        TypeDef {
            name: name.into(),
            namespace: "microsoft.graph".into(),
            kind: TypeKind::Complex,
            description: String::new(),
            base_type: base.map(str::to_owned),
            key: None,
            is_abstract: false,
            is_open: false,
            properties,
            navigation_properties: Vec::new(),
            documented: Vec::new(),
            source: Source::new("resources/x.md", 1),
        }
    }

    fn boxed(types: &[TypeDef]) -> Vec<String> {
        types
            .iter()
            .flat_map(|t| {
                t.properties
                    .iter()
                    .filter(|p| p.boxed)
                    .map(move |p| format!("{}.{}", t.name, p.name))
            })
            .collect()
    }

    #[test]
    fn the_fewest_fields_are_boxed() {
        let mut types = vec![
            // self-reference
            ty("column", None, vec![field("sourceColumn", "column", false)]),
            // mutual: one box breaks it
            ty("drive", None, vec![field("owner", "user", false)]),
            ty(
                "user",
                None,
                vec![
                    field("drive", "drive", false),
                    field("drives", "drive", true),
                ],
            ),
            // through inheritance: a `folder` is an `item`, so it holds its own `parentFolder`
            ty("item", None, vec![field("parentFolder", "folder", false)]),
            ty("folder", Some("item"), Vec::new()),
            // through a polymorphic base: `node.next` is an `AnyBase`, boxed already
            ty("base", None, vec![field("next", "base", false)]),
            ty("derived", Some("base"), Vec::new()),
        ];
        box_recursive_fields(&mut types);
        assert_eq!(
            boxed(&types),
            ["column.sourceColumn", "drive.owner", "item.parentFolder"]
        );
    }

    #[test]
    fn inheritance_cycles_are_cut_once_with_a_warning() {
        let mut types = vec![
            ty("a", Some("b"), Vec::new()),
            ty("b", Some("a"), Vec::new()),
            ty("c", Some("c"), Vec::new()),
            ty("d", Some("a"), Vec::new()),
        ];
        let mut diagnostics = Vec::new();
        break_inheritance_cycles(&mut types, &mut diagnostics);
        let messages: Vec<_> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "inheritance cycle a -> b -> a; `a` is read as inheriting from nothing",
                "inheritance cycle c -> c; `c` is read as inheriting from nothing"
            ]
        );
        assert_eq!(types[1].base_type.as_deref(), Some("a"));
        assert_eq!(types[3].base_type.as_deref(), Some("a"));
    }
}
