//! The documented URL tree -> the client's URL graph. Documented paths that address one entity
//! of the same type (`/me` and `/users/{id}`; `items/{id}`, `root`, `root:/{path}:` and
//! `special/{name}` of a drive) become one node, which has the operations and child segments
//! documented for any of them. An item of a relationship (it has a `$ref` below it) has all that
//! too, and its `$ref`, in a node of its own.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use super::canonical;
use super::type_index::TypeIndex;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Segment;
use crate::ir::{
    Addressed, ApiEdge, ApiGraph, ApiNode, Choice, ChoiceRule, NameKey, Operation, PathNode, Role,
};

pub(super) fn build(
    root: &PathNode,
    operations: &[Operation],
    types: &TypeIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> ApiGraph {
    let tree = Tree::new(root);
    let merged = merge(&tree);
    let order = breadth_first(&merged);
    let mut graph = ApiGraph::default();
    let mut chosen_at = Vec::new();
    for &v in &order {
        let node = &merged[v];
        let addresses = node
            .members
            .iter()
            .find_map(|&m| tree.nodes[m].addresses.clone());
        let edges = node
            .edges
            .iter()
            .map(|(segment, target)| ApiEdge {
                segment: schema_spelling(segment, addresses.as_ref(), types),
                target: order.iter().position(|o| o == target).unwrap_or(0),
            })
            .collect();
        let mut on_node: Vec<usize> = node
            .members
            .iter()
            .flat_map(|&m| tree.nodes[m].operations.iter().copied())
            .collect();
        on_node.sort_unstable();
        on_node.dedup();
        let (ordered, choices) = canonical::choose(&on_node, addresses.as_ref(), operations, types);
        graph.nodes.push(ApiNode {
            path: String::new(),
            documented_paths: node.members.len(),
            addresses,
            shared: node.shared,
            reference: node.reference.clone(),
            edges,
            operations: ordered,
        });
        for canonical::Decided {
            canonical,
            others,
            rule,
        } in choices
        {
            chosen_at.push(graph.nodes.len() - 1);
            graph.choices.push(Choice {
                method: operations[canonical].method,
                path: String::new(),
                canonical,
                others,
                rule,
            });
        }
    }
    name_paths(&mut graph);
    for (choice, &node) in graph.choices.iter_mut().zip(&chosen_at) {
        choice.path = graph.nodes[node].path.clone();
    }
    report_choices(&graph, &chosen_at, operations, diagnostics);
    graph
}

/// A note at each page whose operation is not the canonical one, naming the one that is.
fn report_choices(
    graph: &ApiGraph,
    chosen_at: &[usize],
    operations: &[Operation],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut noted = BTreeSet::new();
    for (choice, &node) in graph.choices.iter().zip(chosen_at) {
        let canonical = &operations[choice.canonical];
        let why = match choice.rule {
            ChoiceRule::PathType => "its answer is the type the path addresses",
            ChoiceRule::MostGeneral => "its type is the most general of them",
            ChoiceRule::SameRequest => "the pages document the same request",
            ChoiceRule::Title => "its title names the path's type, or its page comes first",
        };
        for &other in &choice.others {
            let o = &operations[other];
            if o.implied || !noted.insert((other, choice.canonical)) {
                continue;
            }
            let role = graph.nodes[node]
                .operations
                .iter()
                .find(|n| n.operation == other)
                .map_or(Role::Alternative, |n| n.role);
            let fate = match role {
                Role::SameRequest => {
                    "this page's operation is the same request and is sent through it"
                }
                _ => "this page's operation keeps a method named after its title",
            };
            diagnostics.push(Diagnostic::new(
                Code::OperationChosen,
                &o.source,
                format!(
                    "`{} {}` is also documented by `{}` ({}), which is the canonical operation ({why}); {fate}",
                    choice.method, choice.path, canonical.title, canonical.source
                ),
            ));
        }
    }
}

/// The documented tree as an arena, so that merged nodes can name their members by index.
struct Tree<'a> {
    nodes: Vec<&'a PathNode>,
    children: Vec<Vec<usize>>,
    parent: Vec<usize>,
}

impl<'a> Tree<'a> {
    fn new(root: &'a PathNode) -> Self {
        let mut tree = Tree {
            nodes: vec![root],
            children: vec![Vec::new()],
            parent: vec![0],
        };
        let mut stack = vec![0];
        while let Some(i) = stack.pop() {
            for child in &tree.nodes[i].children {
                tree.nodes.push(child);
                tree.children.push(Vec::new());
                tree.parent.push(i);
                let c = tree.nodes.len() - 1;
                tree.children[i].push(c);
                stack.push(c);
            }
        }
        tree
    }

    /// The entity type of a node that addresses one entity.
    fn shared_type(&self, i: usize) -> Option<NameKey> {
        let addressed = self.nodes[i].addresses.as_ref().filter(|a| !a.collection)?;
        Some(NameKey::of(&addressed.ty))
    }

    /// The relationship an item belongs to: its collection's segment (`members` for
    /// `members/{id}`), or its own (`manager`).
    fn relationship(&self, i: usize) -> String {
        let own = |n: usize| match &self.nodes[n].segment {
            Some(Segment::Static(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        };
        match &self.nodes[i].segment {
            Some(Segment::Param { .. } | Segment::KeyValue { .. }) => own(self.parent[i]),
            _ => own(i),
        }
    }

    fn has_ref(&self, i: usize) -> bool {
        self.nodes[i].children.iter().any(
            |c| matches!(&c.segment, Some(Segment::Static(s)) if s.eq_ignore_ascii_case("$ref")),
        )
    }
}

#[derive(Default)]
struct Merged {
    /// Documented nodes, in the order they joined.
    members: Vec<usize>,
    shared: bool,
    /// The relationship whose items a reference form stands for.
    reference: Option<String>,
    edges: Vec<(Segment, usize)>,
}

/// Merges documented nodes until nothing changes: a node's edges are recomputed whenever it
/// gains a member, and its members only grow, so this ends. An entity type's node has two
/// forms: the entity's, and the one for an item of a relationship, which also has the `$ref`
/// that adds or removes the link and which no other path may offer.
fn merge(tree: &Tree) -> Vec<Merged> {
    let mut merging = Merging {
        nodes: vec![Merged {
            members: vec![0],
            ..Merged::default()
        }],
        by_type: BTreeMap::new(),
        queue: VecDeque::from([0]),
        queued: vec![true],
    };
    let mut by_place: HashMap<(usize, String), usize> = HashMap::new();
    while let Some(v) = merging.queue.pop_front() {
        merging.queued[v] = false;
        let mut places: BTreeMap<String, (Segment, Vec<usize>)> = BTreeMap::new();
        for &m in &merging.nodes[v].members {
            for &c in &tree.children[m] {
                let Some(segment) = &tree.nodes[c].segment else {
                    continue;
                };
                let place = places
                    .entry(place_key(segment))
                    .or_insert_with(|| (segment.clone(), Vec::new()));
                // Closed where any path goes on below it: `root:/{path}:` is right at the end too.
                if let (Segment::Address { closed, .. }, Segment::Address { closed: true, .. }) =
                    (&mut place.0, segment)
                {
                    *closed = true;
                }
                if !place.1.contains(&c) {
                    place.1.push(c);
                }
            }
        }
        let mut edges = Vec::new();
        for (key, (segment, kids)) in places {
            let shared: BTreeSet<NameKey> =
                kids.iter().filter_map(|&k| tree.shared_type(k)).collect();
            let reference = kids
                .iter()
                .find(|&&k| tree.has_ref(k))
                .map(|&k| tree.relationship(k));
            let target = match shared.into_iter().next() {
                Some(ty) if kids.iter().all(|&k| compatible(tree, k, &ty)) => {
                    merging.type_node(ty, reference)
                }
                _ => {
                    let next = merging.nodes.len();
                    let at = *by_place.entry((v, key)).or_insert(next);
                    if at == next {
                        merging.push(Merged::default());
                    }
                    at
                }
            };
            merging.add_members(target, &kids);
            edges.push((segment, target));
        }
        edges.sort_by(|a, b| a.0.cmp(&b.0));
        merging.nodes[v].edges = edges;
    }
    items_by_key(tree, &mut merging);
    merging.nodes
}

/// OData lets any collection of entities be indexed by key: a typed collection without a
/// documented `{id}` leads to its entity type's node, where pages document one.
fn items_by_key(tree: &Tree, merging: &mut Merging) {
    for v in 0..merging.nodes.len() {
        let node = &merging.nodes[v];
        if node.edges.iter().any(|(s, _)| s.is_param()) {
            continue;
        }
        let Some(addressed) = node
            .members
            .iter()
            .find_map(|&m| tree.nodes[m].addresses.as_ref())
            .filter(|a| a.collection)
        else {
            continue;
        };
        let Some(&entity) = merging.by_type.get(&(NameKey::of(&addressed.ty), None)) else {
            continue;
        };
        let id = Segment::Param {
            name: "id".into(),
            alternatives: vec!["id".into()],
        };
        let edges = &mut merging.nodes[v].edges;
        edges.push((id, entity));
        edges.sort_by(|a, b| a.0.cmp(&b.0));
    }
}

struct Merging {
    nodes: Vec<Merged>,
    /// (entity type, the relationship of a reference form) -> node.
    by_type: BTreeMap<(NameKey, Option<NameKey>), usize>,
    queue: VecDeque<usize>,
    queued: Vec<bool>,
}

impl Merging {
    fn push(&mut self, node: Merged) -> usize {
        self.nodes.push(node);
        self.queued.push(false);
        self.nodes.len() - 1
    }

    /// The node of an entity type; a reference form starts with what the entity's has.
    fn type_node(&mut self, ty: NameKey, reference: Option<String>) -> usize {
        let key = (ty, reference.as_deref().map(NameKey::of));
        if let Some(&at) = self.by_type.get(&key) {
            return at;
        }
        let at = self.push(Merged {
            shared: true,
            reference: key.1.as_ref().map(|r| r.as_str().to_owned()),
            ..Merged::default()
        });
        if key.1.is_some() {
            if let Some(&entity) = self.by_type.get(&(key.0.clone(), None)) {
                let members = self.nodes[entity].members.clone();
                self.add_members(at, &members);
            }
        }
        self.by_type.insert(key, at);
        at
    }

    /// Adds documented nodes to a merged one (and to its reference form), queueing it to have
    /// its edges recomputed if it grew.
    fn add_members(&mut self, target: usize, kids: &[usize]) {
        let mut targets = vec![target];
        let entity_of = self
            .by_type
            .iter()
            .find(|((_, reference), &at)| at == target && reference.is_none())
            .map(|((ty, _), _)| ty.clone());
        if let Some(ty) = entity_of {
            targets.extend(
                self.by_type
                    .iter()
                    .filter(|((t, reference), _)| *t == ty && reference.is_some())
                    .map(|(_, &at)| at),
            );
        }
        for t in targets {
            let before = self.nodes[t].members.len();
            for &k in kids {
                if !self.nodes[t].members.contains(&k) {
                    self.nodes[t].members.push(k);
                }
            }
            if self.nodes[t].members.len() > before && !self.queued[t] {
                self.queued[t] = true;
                self.queue.push_back(t);
            }
        }
    }
}

/// A documented node joins the entity type's node unless it addresses another type.
fn compatible(tree: &Tree, k: usize, ty: &NameKey) -> bool {
    match tree.shared_type(k) {
        Some(own) => own == *ty,
        None => tree.nodes[k].addresses.is_none(),
    }
}

/// Segments that [`Segment::same_place`] would match get one key.
pub(super) fn place_key(segment: &Segment) -> String {
    match segment {
        Segment::Static(s) => format!("s:{}", s.to_ascii_lowercase()),
        Segment::Param { .. } => "p".into(),
        Segment::Function { name, args } => {
            let mut names: Vec<String> = args.iter().map(|a| a.name.to_ascii_lowercase()).collect();
            names.sort();
            format!("f:{}({})", name.to_ascii_lowercase(), names.join(","))
        }
        // `root:/{path}` (at the end) and `root:/{path}:` (followed by more) are one place.
        Segment::Address { base, .. } => format!("a:{}", place_key(base)),
        other => format!("o:{other}"),
    }
}

/// The node ids in breadth-first order from the client: short paths get low ids (and short
/// builder names), and nodes no longer reachable after a merge are dropped.
fn breadth_first(nodes: &[Merged]) -> Vec<usize> {
    let mut seen = vec![false; nodes.len()];
    let mut order = vec![0];
    seen[0] = true;
    let mut next = 0;
    while next < order.len() {
        for (_, target) in &nodes[order[next]].edges {
            if !seen[*target] {
                seen[*target] = true;
                order.push(*target);
            }
        }
        next += 1;
    }
    order
}

/// A segment a property of the parent's type names takes the property's spelling
/// (`directoryaudits` -> `directoryAudits`); the service matches them without regard to case.
fn schema_spelling(segment: &Segment, parent: Option<&Addressed>, types: &TypeIndex) -> Segment {
    let (Segment::Static(s), Some(parent)) = (segment, parent) else {
        return segment.clone();
    };
    if parent.collection || s.starts_with('$') || s.contains('.') {
        return segment.clone();
    }
    match types.property(&parent.ty, s) {
        Some(p) => Segment::Static(p.name.clone()),
        None => segment.clone(),
    }
}

fn name_paths(graph: &mut ApiGraph) {
    let mut named = vec![false; graph.nodes.len()];
    named[0] = true;
    for v in 0..graph.nodes.len() {
        let base = graph.nodes[v].path.clone();
        for e in 0..graph.nodes[v].edges.len() {
            let ApiEdge { segment, target } = graph.nodes[v].edges[e].clone();
            if !named[target] {
                named[target] = true;
                graph.nodes[target].path = format!("{base}/{segment}");
            }
        }
    }
}
