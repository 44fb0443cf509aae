//! Names in the builder index never collide.

use super::*;
use crate::diagnostics::Source;
use crate::ir::{Addressed, ApiEdge, ApiNode, Evidence, HttpMethod, NodeOperation, Response};

fn op(title: &str, kind: OperationKind, method: HttpMethod) -> Operation {
    Operation {
        title: title.into(),
        description: String::new(),
        kind,
        method,
        paths: Vec::new(),
        query_options: Vec::new(),
        request_headers: Vec::new(),
        request_body: None,
        response: Response {
            status: 200,
            body: None,
            hints: Vec::new(),
            body_assumed: false,
            source: Source::default(),
        },
        permissions: Vec::new(),
        examples: Vec::new(),
        source: Source::default(),
        implied: false,
        function_parameters: Vec::new(),
    }
}

fn edge(segment: &str, target: usize) -> ApiEdge {
    let segment = match segment.strip_prefix('{') {
        Some(name) => Segment::Param {
            name: name.trim_end_matches('}').into(),
            alternatives: Vec::new(),
        },
        None => Segment::Static(segment.into()),
    };
    ApiEdge { segment, target }
}

fn node(edges: Vec<ApiEdge>, addresses: Option<&str>) -> ApiNode {
    ApiNode {
        shared: addresses.is_some(),
        addresses: addresses.map(|ty| Addressed {
            ty: ty.into(),
            collection: false,
            evidence: Evidence::Item,
        }),
        edges,
        ..ApiNode::default()
    }
}

/// `/users/{id}/photo` and `/groups/{id}/photo`: the second `photo` builder takes its
/// parent's name; an entity type is named after the type, whatever its segment.
#[test]
fn builders_of_one_segment_under_different_parents_get_distinct_names() {
    let graph = ApiGraph {
        nodes: vec![
            node(
                vec![edge("users", 1), edge("groups", 3), edge("client", 6)],
                None,
            ),
            node(vec![edge("{id}", 2)], None),
            node(vec![edge("photo", 5)], Some("user")),
            node(vec![edge("{id}", 4)], None),
            node(vec![edge("photo", 7)], None),
            node(Vec::new(), None),
            node(Vec::new(), None),
            node(Vec::new(), None),
        ],
        choices: Vec::new(),
    };
    let names = builder_names(&graph, &[true; 8]);
    assert_eq!(names[0], "Client");
    assert_eq!(names[1], "UsersRequestBuilder");
    assert_eq!(names[2], "UserRequestBuilder");
    assert_eq!(names[5], "PhotoRequestBuilder");
    assert_eq!(names[4], "GroupsItemRequestBuilder");
    assert_eq!(names[7], "GroupsItemPhotoRequestBuilder");
    // `Client` is the client's own name: a segment called `client` does not take it.
    assert_eq!(names[6], "ClientTypeRequestBuilder");
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len());
}

/// Each method's canonical operation is named by what it does; another reading of the same
/// method by its title; a repeat of the canonical request shares its name; and a title that
/// spells a name already taken gets a number.
#[test]
fn operation_methods_never_collide() {
    let schema = Schema {
        operations: vec![
            op("Get user", OperationKind::Get, HttpMethod::Get),
            op("List manager", OperationKind::Get, HttpMethod::Get),
            op("Get a user", OperationKind::Get, HttpMethod::Get),
            op("Get", OperationKind::Get, HttpMethod::Get),
            op("Update user", OperationKind::Update, HttpMethod::Patch),
        ],
        ..Schema::default()
    };
    let roles = [
        Role::Canonical,
        Role::Alternative,
        Role::SameRequest,
        Role::Alternative,
        Role::Canonical,
    ];
    let node = ApiNode {
        operations: roles
            .iter()
            .enumerate()
            .map(|(operation, &role)| NodeOperation { operation, role })
            .collect(),
        ..ApiNode::default()
    };
    let mut scope = Scope::new();
    let named = operation_methods(&schema, &node, &mut scope);
    let names: Vec<&str> = named.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["get", "list_manager", "get", "get_2", "update"]);
}
