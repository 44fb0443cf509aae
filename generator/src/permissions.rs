//! The least-privileged permissions that cover the operations of a schema, per kind: what
//! `graphgen permissions` prints. The choice itself is the SDK's own code (the
//! `graph-typed-permissions` crate, which the runtime re-exports), so the CLI and
//! `runtime::least_privileged` never disagree.

use serde::Serialize;

use crate::ir::{PermissionKind, Schema};

pub use graph_typed_permissions as choice;

/// The permissions of one kind for a set of operations.
#[derive(Clone, Debug, Serialize)]
pub struct KindPlan {
    pub kind: PermissionKind,
    pub label: &'static str,
    /// What to grant: a member of every operation's list, as little privileged as they allow.
    pub permissions: Vec<String>,
    /// The operations (`GET /path`) whose pages state no permission of this kind.
    pub not_supported: Vec<String>,
    /// The operations whose pages state this kind only per resource (attachments of an event,
    /// a message or a post): which applies depends on the path called, so they are not chosen
    /// for; read their pages.
    pub per_resource: Vec<String>,
}

/// What one call needs: an operation, on one of its paths where its page gives permissions
/// per group of paths (`Permissions for chat`), else on any.
struct Call<'a> {
    op: &'a crate::ir::Operation,
    path: Option<&'a str>,
}

impl Call<'_> {
    fn permissions(&self, kind: PermissionKind) -> Vec<&str> {
        match self.path {
            Some(path) => self.op.permissions_on(kind, path),
            None => self.op.permissions_of(kind),
        }
    }

    fn describe(&self) -> String {
        let path = self
            .path
            .or(self.op.paths.first().map(|p| p.template.as_str()))
            .unwrap_or("");
        format!("{} {path} ({})", self.op.method, self.op.source.file)
    }
}

fn calls(schema: &Schema) -> Vec<Call<'_>> {
    let mut out = Vec::new();
    for op in &schema.operations {
        if op.scopes().is_empty() {
            out.push(Call { op, path: None });
        } else {
            out.extend(op.paths.iter().map(|p| Call {
                op,
                path: Some(p.template.as_str()),
            }));
        }
    }
    out
}

/// For each kind, the least-privileged permissions that cover every operation of `schema`, on
/// each of its paths where its page states them per path.
pub fn plan(schema: &Schema) -> Vec<KindPlan> {
    let calls = calls(schema);
    PermissionKind::ALL
        .into_iter()
        .map(|kind| {
            let lists: Vec<Vec<&str>> = calls.iter().map(|c| c.permissions(kind)).collect();
            let slices: Vec<&[&str]> = lists.iter().map(Vec::as_slice).collect();
            let chosen = choice::cover(&slices);
            let unsupported = |per_resource: bool| -> Vec<String> {
                chosen
                    .unsupported
                    .iter()
                    .map(|&i| &calls[i])
                    .filter(|c| stated_per_resource(c.op, kind) == per_resource)
                    .map(Call::describe)
                    .collect()
            };
            KindPlan {
                kind,
                label: kind.label(),
                permissions: chosen.permissions.iter().map(|p| (*p).to_owned()).collect(),
                not_supported: unsupported(false),
                per_resource: unsupported(true),
            }
        })
        .collect()
}

fn stated_per_resource(op: &crate::ir::Operation, kind: PermissionKind) -> bool {
    op.permissions
        .iter()
        .any(|p| p.kind == kind && p.resource.is_some() && !p.permissions.is_empty())
}

/// The plan as text: one paragraph per kind.
pub fn render(plans: &[KindPlan], operations: usize) -> String {
    let mut out = format!("Least-privileged permissions for {operations} operations:\n");
    for plan in plans {
        out.push_str(&format!("\n{}:\n", plan.label));
        if plan.permissions.is_empty() {
            out.push_str("  (none of the operations can be called this way)\n");
        }
        for permission in &plan.permissions {
            out.push_str(&format!("  {permission}\n"));
        }
        if !plan.not_supported.is_empty() && !plan.permissions.is_empty() {
            out.push_str(&format!(
                "  not possible with this kind ({}):\n",
                plan.not_supported.len()
            ));
            for op in &plan.not_supported {
                out.push_str(&format!("    {op}\n"));
            }
        }
        if !plan.per_resource.is_empty() {
            out.push_str(&format!(
                "  stated per resource, not chosen for; see their pages ({}):\n",
                plan.per_resource.len()
            ));
            for op in &plan.per_resource {
                out.push_str(&format!("    {op}\n"));
            }
        }
    }
    out
}
