//! API areas: one per top-level path segment (`users`, `device_app_management`), each a cargo
//! feature of a generated crate. A node of the client's URL graph belongs to every area from
//! which it can be reached, an operation to the areas of its nodes, and a type or enum to the
//! areas whose operations reach it, so that the code an area needs is compiled with it and
//! nothing it needs is left out.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;

use super::reach::{Lookup, Roots, TypeGraph};
use crate::ir::{NameKey, Schema, Segment};

/// Indices into [`Areas::names`].
pub type AreaSet = BTreeSet<usize>;

#[derive(Clone, Debug, Default)]
pub struct Areas {
    /// Feature names, sorted.
    pub names: Vec<String>,
    /// Per node of `schema.api`.
    pub nodes: Vec<AreaSet>,
    /// Per operation of the schema.
    pub operations: Vec<AreaSet>,
    /// Per type of the schema.
    pub types: Vec<AreaSet>,
    /// Per enum of the schema.
    pub enums: Vec<AreaSet>,
    /// The area whose module holds each node, operation, type and enum: the one that reaches
    /// it in the fewest steps (then by name); `None` where no area reaches it.
    pub homes: Homes,
}

#[derive(Clone, Debug, Default)]
pub struct Homes {
    pub nodes: Vec<Option<usize>>,
    pub operations: Vec<Option<usize>>,
    pub types: Vec<Option<usize>>,
    pub enums: Vec<Option<usize>>,
}

/// Per item, its distance from each area that reaches it: the home is the nearest.
type Distances = Vec<BTreeMap<usize, usize>>;

fn homes(distances: &Distances) -> Vec<Option<usize>> {
    distances
        .iter()
        .map(|by_area| {
            by_area
                .iter()
                .min_by_key(|(area, depth)| (**depth, **area))
                .map(|(area, _)| *area)
        })
        .collect()
}

fn sets(distances: &Distances) -> Vec<AreaSet> {
    distances
        .iter()
        .map(|d| d.keys().copied().collect())
        .collect()
}

/// The feature that enables every area.
pub const ALL_AREAS: &str = "full";

impl Areas {
    pub fn of(schema: &Schema) -> Areas {
        let graph = &schema.api;
        let Some(root) = graph.nodes.first() else {
            return Areas::default();
        };
        // Top-level segments by feature name: `/me` and `/Me` are one area.
        let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for edge in &root.edges {
            if let Some(name) = feature_name(&edge.segment) {
                by_name.entry(name).or_default().push(edge.target);
            }
        }
        let names: Vec<String> = by_name.keys().cloned().collect();
        let mut nodes: Distances = vec![BTreeMap::new(); graph.nodes.len()];
        for (area, starts) in by_name.values().enumerate() {
            let mut queue: std::collections::VecDeque<(usize, usize)> =
                starts.iter().map(|&s| (s, 0)).collect();
            while let Some((at, depth)) = queue.pop_front() {
                if nodes[at].contains_key(&area) {
                    continue;
                }
                nodes[at].insert(area, depth);
                queue.extend(graph.nodes[at].edges.iter().map(|e| (e.target, depth + 1)));
            }
        }
        let mut operations: Distances = vec![BTreeMap::new(); schema.operations.len()];
        for (at, node) in graph.nodes.iter().enumerate() {
            for n in &node.operations {
                for (&area, &depth) in &nodes[at] {
                    let nearest = operations[n.operation].entry(area).or_insert(depth);
                    *nearest = (*nearest).min(depth);
                }
            }
        }
        let node_sets = sets(&nodes);
        let operation_sets = sets(&operations);
        let (types, enums) = type_areas(schema, names.len(), &node_sets, &operation_sets);
        Areas {
            names,
            homes: Homes {
                nodes: homes(&nodes),
                operations: homes(&operations),
                types: homes(&types),
                enums: homes(&enums),
            },
            nodes: node_sets,
            operations: operation_sets,
            types: sets(&types),
            enums: sets(&enums),
        }
    }

    /// The area a path starting with `segment` belongs to.
    pub fn of_segment(&self, segment: &Segment) -> Option<usize> {
        let name = feature_name(segment)?;
        self.names.binary_search(&name).ok()
    }

    /// `#[cfg(any(feature = "a", …))]` for a set; code no area reaches is compiled with every
    /// area ([`ALL_AREAS`]).
    pub fn features(&self, set: &AreaSet) -> Vec<&str> {
        if set.is_empty() {
            return vec![ALL_AREAS];
        }
        set.iter().map(|&a| self.names[a].as_str()).collect()
    }
}

fn type_areas(
    schema: &Schema,
    area_count: usize,
    nodes: &[AreaSet],
    operations: &[AreaSet],
) -> (Distances, Distances) {
    let lookup = Lookup::new(schema);
    let graph = TypeGraph::new(schema);
    let mut roots = vec![Roots::default(); area_count];
    for (op, areas) in schema.operations.iter().zip(operations) {
        for &area in areas {
            roots[area].add_operation(&lookup, op);
        }
    }
    for (node, areas) in schema.api.nodes.iter().zip(nodes) {
        if let Some(a) = &node.addresses {
            for &area in areas {
                roots[area].add_type(&lookup, &a.ty);
            }
        }
    }
    let mut types: Distances = vec![BTreeMap::new(); schema.types.len()];
    let mut enums: Distances = vec![BTreeMap::new(); schema.enums.len()];
    for (area, roots) in roots.iter().enumerate() {
        let reached = graph.reach(roots);
        for (t, depth) in reached.types {
            types[t].insert(area, depth);
        }
        for (e, depth) in reached.enums {
            enums[e].insert(area, depth);
        }
    }
    (types, enums)
}

/// A top-level segment's feature: its name in snake case, letters, digits and `_` only
/// (`$batch` -> `batch`); `None` for a segment that names nothing.
/// The longest area name (ASCII), well below any file system's limit on a file name.
const MOST_AREA_NAME_BYTES: usize = 64;

fn feature_name(segment: &Segment) -> Option<String> {
    let text = match segment {
        Segment::Static(s) | Segment::Other(s) => s.clone(),
        Segment::Function { name, .. } => name.clone(),
        Segment::KeyValue { key, .. } => key.clone(),
        Segment::Address { base, .. } => return feature_name(base),
        Segment::Param { .. } => return None,
    };
    let snake: String = NameKey::of(&text.to_snake_case())
        .as_str()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    // The name is a file name and a feature name too: a segment of a million characters must
    // not make a name no file system takes. Segments that agree so far share an area.
    let snake = snake[..snake.len().min(MOST_AREA_NAME_BYTES)]
        .trim_matches('_')
        .to_owned();
    match snake.as_str() {
        "" => None,
        "default" | ALL_AREAS => Some(format!("{snake}_area")),
        _ if snake.starts_with(|c: char| c.is_ascii_digit()) => Some(format!("area_{snake}")),
        _ => Some(snake),
    }
}
