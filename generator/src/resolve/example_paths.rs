//! Paths that only a page's examples give. An example that calls its page's operation at a URL
//! the request lines do not list (`/me/drive/search(q='…')` where they list `root/search`, an
//! item `{id}` where they list its collection) documents the operation there too, when the URL
//! leads through documented segments to a node without that method, or stops one undocumented
//! segment short of one. Anything further off (a misspelt segment halfway) stays untested, with
//! its reason, in the example tests.

use super::api_graph::place_key;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Segment;
use crate::ir::{ApiGraph, Operation, PathTemplate};
use crate::select::Selection;

/// Adds the paths; returns whether any was added. `literal` tells an example value written
/// where a placeholder belongs (a GUID) from a segment name.
pub(super) fn add_paths_from_examples(
    graph: &ApiGraph,
    operations: &mut [Operation],
    literal: &dyn Fn(&str) -> bool,
    selection: &Selection,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let methods: Vec<crate::ir::HttpMethod> = operations.iter().map(|o| o.method).collect();
    let mut added = false;
    for op in operations.iter_mut() {
        let mut found: Vec<PathTemplate> = Vec::new();
        for request in op.examples.iter().filter_map(|e| e.request.as_ref()) {
            if !op.method.is(&request.method) || request.url.is_elsewhere() {
                continue;
            }
            let walk = Walk {
                graph,
                methods: &methods,
                method: op.method,
            };
            let Some(mut route) = walk.undocumented(&request.url.segments) else {
                continue;
            };
            for segment in &mut route {
                if matches!(segment, Segment::Static(text) if literal(text)) {
                    *segment = Segment::Param {
                        name: "id".into(),
                        alternatives: vec!["id".into()],
                    };
                }
            }
            let template: String = route.iter().map(|s| format!("/{s}")).collect();
            // A path the user left out of the selection stays out, whatever the examples call.
            if !selection.keeps(op.method, &route) {
                continue;
            }
            if op
                .paths
                .iter()
                .chain(&found)
                .any(|p| p.template.eq_ignore_ascii_case(&template))
            {
                continue;
            }
            diagnostics.push(Diagnostic::new(
                Code::ExamplePathAdded,
                &request.source,
                format!(
                    "example calls `{} {template}`, which the request lines do not list; `{}` is offered there too",
                    op.method, op.title
                ),
            ));
            found.push(PathTemplate {
                template,
                segments: route,
                source: request.source.clone(),
            });
        }
        added |= !found.is_empty();
        op.paths.extend(found);
    }
    added
}

struct Walk<'a> {
    graph: &'a ApiGraph,
    /// The method of each operation, by index.
    methods: &'a [crate::ir::HttpMethod],
    method: crate::ir::HttpMethod,
}

/// How far an example's URL gets through the graph.
enum Reach {
    /// A node with the method: the URL is documented.
    Documented,
    /// A node without the method, by these segments.
    NodeWithoutMethod(Vec<Segment>),
    /// All but the last segment, which no edge has.
    LastUndocumented(Vec<Segment>),
}

impl Walk<'_> {
    /// The path to add for an example URL, if it is one this module adds.
    fn undocumented(&self, segments: &[Segment]) -> Option<Vec<Segment>> {
        let mut reaches = Vec::new();
        self.walk(0, segments, &mut Vec::new(), &mut reaches);
        if reaches.iter().any(|r| matches!(r, Reach::Documented)) {
            return None;
        }
        let full = reaches.iter().find_map(|r| match r {
            Reach::NodeWithoutMethod(route) => Some(route.clone()),
            _ => None,
        });
        full.or_else(|| {
            reaches.into_iter().find_map(|r| match r {
                Reach::LastUndocumented(route) => Some(route),
                _ => None,
            })
        })
    }

    fn walk(
        &self,
        at: usize,
        segments: &[Segment],
        trail: &mut Vec<Segment>,
        out: &mut Vec<Reach>,
    ) {
        let node = &self.graph.nodes[at];
        let Some((segment, rest)) = segments.split_first() else {
            let has_method = node
                .operations
                .iter()
                .any(|o| self.methods[o.operation] == self.method);
            // `POST` goes to a collection or an action, never to one entity: an `{id}` that
            // took the last segment (`…/worksheets/add`) took an action's name.
            let post_to_an_item = self.method == crate::ir::HttpMethod::Post
                && trail.last().is_some_and(Segment::is_param);
            if has_method {
                out.push(Reach::Documented);
            } else if !post_to_an_item {
                out.push(Reach::NodeWithoutMethod(trail.clone()));
            }
            return;
        };
        let named = node
            .edges
            .iter()
            .filter(|e| !e.segment.is_param() && place_key(&e.segment) == place_key(segment));
        let params = node.edges.iter().filter(|e| e.segment.is_param());
        let mut named_any = false;
        for edge in named {
            named_any = true;
            trail.push(edge.segment.clone());
            self.walk(edge.target, rest, trail, out);
            trail.pop();
        }
        for edge in params {
            trail.push(edge.segment.clone());
            self.walk(edge.target, rest, trail, out);
            trail.pop();
        }
        if !named_any && rest.is_empty() && self.may_add(node, segment) {
            let mut route = trail.clone();
            route.push(segment.clone());
            out.push(Reach::LastUndocumented(route));
        }
    }

    /// A last segment that names something new: not a cast, not a documented function called
    /// without its arguments (`rowsAbove` for `rowsAbove(count=n)`), not a key in parentheses
    /// (`events('AAMk…')`).
    fn may_add(&self, node: &crate::ir::ApiNode, segment: &Segment) -> bool {
        match segment {
            Segment::Static(name) => {
                !name.to_ascii_lowercase().starts_with("microsoft.")
                    && !name.is_empty()
                    && !node.edges.iter().any(|e| {
                        matches!(&e.segment, Segment::Function { name: f, .. } if f.eq_ignore_ascii_case(name))
                    })
            }
            Segment::Function { args, .. } => !matches!(args.as_slice(), [key] if key.name.is_empty()),
            Segment::Param { .. } => true,
            _ => false,
        }
    }
}
