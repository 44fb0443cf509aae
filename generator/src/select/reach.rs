//! Which types a set of operations reaches: the types of their bodies, answers and parameters
//! and of the paths they are on; from a type, its properties' and relationships' types, its base
//! types (whose fields it has) and, for a type used as a value, every type derived from it (a
//! value may be any of them). Computed on a graph of type indices built once, so that reaching
//! from many sets of roots (one per area) is cheap.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{NameKey, Operation, RequestBody, Resolved, Schema, TypeRef};

/// What is reached: indices into `schema.types` and `schema.enums`, each with how many steps
/// from a root it is (0: an operation or path names it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reached {
    pub types: BTreeMap<usize, usize>,
    pub enums: BTreeMap<usize, usize>,
}

/// Where reaching starts: types used as values, and enums.
#[derive(Clone, Debug, Default)]
pub struct Roots {
    pub types: BTreeSet<usize>,
    pub enums: BTreeSet<usize>,
}

impl Roots {
    /// The roots of every operation and path of the schema.
    pub fn of_schema(schema: &Schema) -> Roots {
        let lookup = Lookup::new(schema);
        let mut roots = Roots::default();
        for op in &schema.operations {
            roots.add_operation(&lookup, op);
        }
        for node in &schema.api.nodes {
            if let Some(a) = &node.addresses {
                roots.add_type(&lookup, &a.ty);
            }
        }
        roots
    }

    pub fn add_operation(&mut self, lookup: &Lookup, op: &Operation) {
        operation_types(op, &mut |t| self.add_ref(lookup, t));
    }

    pub fn add_type(&mut self, lookup: &Lookup, name: &str) {
        self.types.extend(lookup.types.get(&NameKey::of(name)));
    }

    fn add_ref(&mut self, lookup: &Lookup, t: &TypeRef) {
        match &t.resolved {
            Some(Resolved::Type(name)) => self.add_type(lookup, name),
            Some(Resolved::Enum(name)) => {
                self.enums.extend(lookup.enums.get(&NameKey::of(name)));
            }
            _ => {}
        }
    }
}

/// Type and enum indices by name.
pub struct Lookup {
    types: BTreeMap<NameKey, usize>,
    enums: BTreeMap<NameKey, usize>,
}

impl Lookup {
    pub fn new(schema: &Schema) -> Lookup {
        Lookup {
            types: index_by_name(schema.types.iter().map(|t| t.name.as_str())),
            enums: index_by_name(schema.enums.iter().map(|e| e.name.as_str())),
        }
    }
}

fn index_by_name<'a>(names: impl Iterator<Item = &'a str>) -> BTreeMap<NameKey, usize> {
    names
        .enumerate()
        .map(|(i, name)| (NameKey::of(name), i))
        .collect()
}

/// For each type: what reaching it as a value brings.
pub struct TypeGraph {
    /// Types reached as values (property types, derived types).
    values: Vec<Vec<usize>>,
    /// Base types: reached, but not as values.
    ancestors: Vec<Vec<usize>>,
    enums: Vec<Vec<usize>>,
}

impl TypeGraph {
    pub fn new(schema: &Schema) -> TypeGraph {
        let lookup = Lookup::new(schema);
        let count = schema.types.len();
        let mut graph = TypeGraph {
            values: vec![Vec::new(); count],
            ancestors: vec![Vec::new(); count],
            enums: vec![Vec::new(); count],
        };
        for (i, t) in schema.types.iter().enumerate() {
            if let Some(base) = t
                .base_type
                .as_ref()
                .and_then(|b| lookup.types.get(&NameKey::of(b)))
            {
                graph.values[*base].push(i);
            }
            graph.ancestors[i] = schema
                .ancestors(t)
                .iter()
                .filter_map(|a| lookup.types.get(&NameKey::of(a)).copied())
                .collect();
            for p in schema.all_properties(t) {
                match &p.ty.resolved {
                    Some(Resolved::Type(name)) => {
                        graph.values[i].extend(lookup.types.get(&NameKey::of(name)));
                    }
                    Some(Resolved::Enum(name)) => {
                        graph.enums[i].extend(lookup.enums.get(&NameKey::of(name)));
                    }
                    _ => {}
                }
            }
        }
        graph
    }

    /// Breadth first, so that each type's distance is its shortest.
    pub fn reach(&self, roots: &Roots) -> Reached {
        let mut reached = Reached {
            types: BTreeMap::new(),
            enums: roots.enums.iter().map(|&e| (e, 0)).collect(),
        };
        let mut values: BTreeSet<usize> = BTreeSet::new();
        let mut queue: std::collections::VecDeque<(usize, usize)> =
            roots.types.iter().map(|&t| (t, 0)).collect();
        while let Some((t, depth)) = queue.pop_front() {
            if !values.insert(t) {
                continue;
            }
            reached.types.entry(t).or_insert(depth);
            for &a in &self.ancestors[t] {
                reached.types.entry(a).or_insert(depth + 1);
            }
            for &e in &self.enums[t] {
                reached.enums.entry(e).or_insert(depth + 1);
            }
            queue.extend(
                self.values[t]
                    .iter()
                    .filter(|v| !values.contains(v))
                    .map(|&v| (v, depth + 1)),
            );
        }
        reached
    }
}

/// Every type an operation names: its body, parameters, answer and the hints for them.
fn operation_types(op: &Operation, visit: &mut dyn FnMut(&TypeRef)) {
    match &op.request_body {
        Some(RequestBody::Type { ty, .. }) => visit(ty),
        Some(RequestBody::Parameters {
            parameters, hints, ..
        }) => {
            parameters.iter().for_each(|p| visit(&p.ty));
            hints.iter().for_each(&mut *visit);
        }
        _ => {}
    }
    if let Some(body) = &op.response.body {
        visit(body);
    }
    op.response.hints.iter().for_each(&mut *visit);
    op.function_parameters.iter().for_each(|p| visit(&p.ty));
}
