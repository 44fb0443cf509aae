//! What kind of operation a page documents, from what it does rather than its title.

use super::Names;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Operation, OperationKind, Resolved};

/// A `GET` that answers a collection is a list, one that answers one entity a get, whatever the
/// title says ("List manager" gets one `directoryObject`). A "List" page whose answer names one
/// entity (without a `value` property) but whose example answers `{"value": [...]}` answers a
/// collection: title and example agree against the prose. A "Get" page may show a list in an
/// example that filters the collection; its answer stays one entity.
pub(super) fn kind_from_behaviour(
    names: &Names,
    op: &mut Operation,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // A function that answers a collection (`delta()`, `search(q='…')`) is a list too.
    if op.method != crate::ir::HttpMethod::Get {
        return;
    }
    let Some(body) = op.response.body.as_mut() else {
        return;
    };
    let has_value = |name: &str| {
        names
            .types
            .get(&crate::ir::NameKey::of(name))
            .is_some_and(|t| {
                t.properties
                    .iter()
                    .any(|p| p.name.eq_ignore_ascii_case("value"))
            })
    };
    if !body.collection
        && op.kind == OperationKind::List
        && matches!(&body.resolved, Some(Resolved::Type(t)) if !has_value(t))
        && op.examples.iter().any(answers_a_list)
    {
        body.collection = true;
        diagnostics.push(Diagnostic::new(
            Code::ResponseTypeInferred,
            &op.response.source,
            format!(
                "the response names one `{}` but the example answers a list of them; read as a collection",
                body.written
            ),
        ));
    }
    op.kind = if body.collection {
        OperationKind::List
    } else {
        OperationKind::Get
    };
}

fn answers_a_list(example: &crate::ir::Example) -> bool {
    let json = example
        .response
        .as_ref()
        .and_then(|r| r.body.as_ref())
        .and_then(|b| b.json.as_ref());
    let Some(serde_json::Value::Object(map)) = json else {
        return false;
    };
    matches!(map.get("value"), Some(serde_json::Value::Array(_)))
        && map.keys().all(|k| k == "value" || k.starts_with('@'))
}

/// One verb per kind of call: a `POST` to a segment that some page documents as an action
/// (`message: reply`, `workbook: add`) is that action wherever it is documented, even on a page
/// titled "Add attachment" that answers `201 Created`. `$ref` (adding a reference to a
/// collection) stays a create.
pub(super) fn one_verb_per_action(operations: &mut [Operation]) {
    let last_segment = |op: &Operation| -> Option<String> {
        match op.paths.first()?.segments.last()? {
            crate::ir::Segment::Static(s) if s != "$ref" => Some(s.to_ascii_lowercase()),
            _ => None,
        }
    };
    let actions: std::collections::HashSet<String> = operations
        .iter()
        .filter(|op| op.method == crate::ir::HttpMethod::Post && op.kind == OperationKind::Action)
        .filter_map(last_segment)
        .collect();
    for op in operations.iter_mut() {
        if op.kind == OperationKind::Create
            && last_segment(op).is_some_and(|s| actions.contains(&s))
        {
            op.kind = OperationKind::Action;
        }
    }
}
