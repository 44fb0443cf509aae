//! What the permissions tables of a page say, and what an operation's rows allow on its paths.

use serde::{Deserialize, Serialize};

use super::Operation;

/// One row (or, on pages that give a table per resource, one cell) of a permissions table.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Permission {
    /// The kind as the page writes it: `Delegated (work or school account)`.
    pub permission_type: String,
    #[serde(default)]
    pub kind: PermissionKind,
    /// The resource the row is about, where a page (subscriptions) gives permissions per
    /// resource rather than per operation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// Least to most privileged, as the page lists them.
    pub permissions: Vec<String>,
    /// The subsection the table is in (`### Permissions for chat`), where a page gives one
    /// table per group of request lines: the row holds for those paths only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<PermissionScope>,
    /// The scenario of a row under a kind row with no permissions of its own (`Policy Set`
    /// under `Application`): the permissions that allow the call in that scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
}

/// What a permissions subsection is for, and the operation's paths it covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermissionScope {
    /// The subsection's words after `Permissions for`: `chat`, `channel`.
    pub label: String,
    /// The templates of the operation's paths the subsection covers.
    pub paths: Vec<String>,
}

/// Who holds a permission.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum PermissionKind {
    /// Delegated, work or school account.
    DelegatedWork,
    /// Delegated, personal Microsoft account.
    DelegatedPersonal,
    /// Application (app-only).
    Application,
    /// A kind the page names in words no rule knows.
    #[default]
    Other,
}

impl PermissionKind {
    pub const ALL: [PermissionKind; 3] = [
        PermissionKind::DelegatedWork,
        PermissionKind::DelegatedPersonal,
        PermissionKind::Application,
    ];

    /// The kind a heading or first cell names: `Delegated (personal Microsoft account)`,
    /// `Application permission`. Personal is tested first since it is also delegated.
    pub fn from_text(text: &str) -> PermissionKind {
        let folded = text.to_ascii_lowercase();
        if folded.contains("personal") {
            PermissionKind::DelegatedPersonal
        } else if folded.contains("delegated") {
            PermissionKind::DelegatedWork
        } else if folded.contains("application") {
            PermissionKind::Application
        } else {
            PermissionKind::Other
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PermissionKind::DelegatedWork => "Delegated (work or school account)",
            PermissionKind::DelegatedPersonal => "Delegated (personal Microsoft account)",
            PermissionKind::Application => "Application",
            PermissionKind::Other => "Other",
        }
    }
}

impl Permission {
    /// Whether the row holds on `template`, or on every path when `None`: rows without a
    /// subsection hold everywhere, a subsection's rows on the paths it covers.
    pub fn holds_on(&self, template: Option<&str>) -> bool {
        match (&self.scope, template) {
            (None, _) => true,
            (Some(scope), Some(t)) => scope.paths.iter().any(|p| p == t),
            (Some(_), None) => false,
        }
    }
}

impl Operation {
    /// The permissions of `kind` that allow the call on every documented path, least
    /// privileged first, each once (rows stated per resource are left out). Where the page
    /// gives a table per group of paths, that is what every group's table lists.
    pub fn permissions_of(&self, kind: PermissionKind) -> Vec<&str> {
        let unscoped = self.rows_of(kind, |p| p.holds_on(None));
        let scopes = self.scopes();
        if scopes.is_empty() {
            return unscoped;
        }
        let per_scope: Vec<Vec<&str>> = scopes
            .iter()
            .map(|label| {
                self.rows_of(kind, |p| {
                    p.scope.as_ref().is_some_and(|s| &s.label == label)
                })
            })
            .collect();
        let mut names = unscoped;
        if let Some((first, rest)) = per_scope.split_first() {
            for name in first {
                if rest.iter().all(|r| r.contains(name)) && !names.contains(name) {
                    names.push(name);
                }
            }
        }
        names
    }

    /// The permissions of `kind` that allow the call on the path `template`: the operation's
    /// own, and those of the subsections that cover the path.
    pub fn permissions_on(&self, kind: PermissionKind, template: &str) -> Vec<&str> {
        self.rows_of(kind, |p| p.holds_on(Some(template)))
    }

    /// The labels of the permission subsections that cover some of the operation's paths (a
    /// page's `POST` and `GET` may each have their own), in page order.
    pub fn scopes(&self) -> Vec<&str> {
        let mut labels: Vec<&str> = Vec::new();
        for scope in self
            .permissions
            .iter()
            .filter_map(|p| p.scope.as_ref())
            .filter(|s| !s.paths.is_empty())
        {
            if !labels.contains(&scope.label.as_str()) {
                labels.push(&scope.label);
            }
        }
        labels
    }

    fn rows_of(&self, kind: PermissionKind, keep: impl Fn(&Permission) -> bool) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for row in self
            .permissions
            .iter()
            .filter(|p| p.kind == kind && p.resource.is_none() && keep(p))
        {
            for name in &row.permissions {
                if !names.contains(&name.as_str()) {
                    names.push(name);
                }
            }
        }
        names
    }
}
