//! The permissions each operation's page states, as data, and the least-privileged set that
//! covers several operations. Written with `std` alone, so that `graphgen` (a build
//! dependency) can use it without the runtime's HTTP stack: the CLI's `graphgen permissions`
//! and the SDK's `runtime::least_privileged` are this one code.

/// Who holds a permission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PermissionKind {
    /// Delegated, for a work or school account.
    DelegatedWork,
    /// Delegated, for a personal Microsoft account.
    DelegatedPersonal,
    /// Application (app-only) permission.
    Application,
}

impl PermissionKind {
    /// Every kind, in the order the pages list them.
    pub const ALL: [PermissionKind; 3] = [
        PermissionKind::DelegatedWork,
        PermissionKind::DelegatedPersonal,
        PermissionKind::Application,
    ];

    /// The kind as the pages name it.
    pub fn label(self) -> &'static str {
        match self {
            PermissionKind::DelegatedWork => "Delegated (work or school account)",
            PermissionKind::DelegatedPersonal => "Delegated (personal Microsoft account)",
            PermissionKind::Application => "Application",
        }
    }
}

/// What one operation's page states: for each kind, the permissions that allow the call, least
/// to most privileged. Any one of a kind's list is enough; an empty list means the page says the
/// kind is not supported, or says nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Permissions {
    /// Delegated, work or school account.
    pub delegated_work: &'static [&'static str],
    /// Delegated, personal Microsoft account.
    pub delegated_personal: &'static [&'static str],
    /// Application.
    pub application: &'static [&'static str],
    /// Where a page lists a kind's permissions per scenario (`Mobile app management (MAM)`,
    /// `Policy Set`): each scenario's own list. The kind's list above is then every permission
    /// that allows the call in some scenario.
    pub scenarios: &'static [Scenario],
}

/// The permissions of one kind that allow a call in one scenario of its page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// The kind the scenario's rows belong to.
    pub kind: PermissionKind,
    /// The scenario as the page names it: `Policy Set`.
    pub name: &'static str,
    /// Least to most privileged.
    pub permissions: &'static [&'static str],
}

impl Permissions {
    /// What an operation whose page states no permissions has.
    pub const UNDOCUMENTED: Permissions = Permissions {
        delegated_work: &[],
        delegated_personal: &[],
        application: &[],
        scenarios: &[],
    };

    /// The permissions of one kind, least privileged first.
    pub fn of(&self, kind: PermissionKind) -> &'static [&'static str] {
        match kind {
            PermissionKind::DelegatedWork => self.delegated_work,
            PermissionKind::DelegatedPersonal => self.delegated_personal,
            PermissionKind::Application => self.application,
        }
    }

    /// The permissions of one kind in a scenario (`Policy Set`, compared without regard to
    /// case): the scenario's own list where the page gives one, else [`Permissions::of`].
    pub fn in_scenario(&self, kind: PermissionKind, scenario: &str) -> &'static [&'static str] {
        self.scenarios
            .iter()
            .find(|s| s.kind == kind && s.name.eq_ignore_ascii_case(scenario))
            .map_or(self.of(kind), |s| s.permissions)
    }
}

/// The permissions of one kind that let a program make every call of a set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PermissionSet<S> {
    /// The permissions to grant, sorted.
    pub permissions: ::std::vec::Vec<S>,
    /// The positions (in the set given) of the operations this kind cannot call.
    pub unsupported: ::std::vec::Vec<usize>,
}

/// The least-privileged permissions of `kind` that cover every operation in `operations`, e.g.
/// `least_privileged(PermissionKind::Application, &[ListUsersRequest::PERMISSIONS, ...])`.
pub fn least_privileged(
    kind: PermissionKind,
    operations: &[Permissions],
) -> PermissionSet<&'static str> {
    let lists: ::std::vec::Vec<&[&'static str]> = operations.iter().map(|p| p.of(kind)).collect();
    cover(&lists)
}

/// [`least_privileged`] for calls made in one scenario: each operation's list for that
/// scenario where its page gives one ([`Permissions::in_scenario`]).
pub fn least_privileged_in(
    kind: PermissionKind,
    scenario: &str,
    operations: &[Permissions],
) -> PermissionSet<&'static str> {
    let lists: ::std::vec::Vec<&[&'static str]> = operations
        .iter()
        .map(|p| p.in_scenario(kind, scenario))
        .collect();
    cover(&lists)
}

/// Chooses, for lists of alternatives each ordered least to most privileged, a set that holds
/// one member of every list. Lists with fewer alternatives choose first, each its least
/// privileged member unless the set already covers it; then any member the others make
/// redundant is dropped. A stronger permission is thus taken only where some operation needs it.
pub fn cover<S: Clone + Ord>(lists: &[&[S]]) -> PermissionSet<S> {
    let unsupported = (0..lists.len()).filter(|&i| lists[i].is_empty()).collect();
    let mut order: ::std::vec::Vec<usize> =
        (0..lists.len()).filter(|&i| !lists[i].is_empty()).collect();
    order.sort_by_key(|&i| lists[i].len());
    let mut chosen: ::std::vec::Vec<S> = ::std::vec::Vec::new();
    for &i in &order {
        if !lists[i].iter().any(|p| chosen.contains(p)) {
            chosen.push(lists[i][0].clone());
        }
    }
    let covers_all = |set: &[S]| {
        order
            .iter()
            .all(|&i| lists[i].iter().any(|p| set.contains(p)))
    };
    for k in (0..chosen.len()).rev() {
        let dropped = chosen.remove(k);
        if !covers_all(&chosen) {
            chosen.insert(k, dropped);
        }
    }
    chosen.sort();
    chosen.dedup();
    PermissionSet {
        permissions: chosen,
        unsupported,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_privileged_member_wins_unless_a_stronger_one_is_needed_anyway() {
        let read: &[&str] = &["User.Read.All", "User.ReadWrite.All", "Directory.Read.All"];
        let write: &[&str] = &["User.ReadWrite.All", "Directory.ReadWrite.All"];
        let groups: &[&str] = &["Group.Read.All", "Directory.Read.All"];
        assert_eq!(
            cover(&[read, groups]).permissions,
            ["Group.Read.All", "User.Read.All"]
        );
        // Writing needs ReadWrite, which also reads: Read.All would be redundant.
        assert_eq!(
            cover(&[read, write, groups]).permissions,
            ["Group.Read.All", "User.ReadWrite.All"]
        );
        let none: &[&str] = &[];
        let set = cover(&[read, none]);
        assert_eq!(set.permissions, ["User.Read.All"]);
        assert_eq!(set.unsupported, [1]);
    }

    #[test]
    fn kinds_are_read_apart() {
        let get = Permissions {
            delegated_work: &["Mail.Read", "Mail.ReadWrite"],
            delegated_personal: &["Mail.Read"],
            application: &[],
            scenarios: &[],
        };
        let send = Permissions {
            delegated_work: &["Mail.Send"],
            delegated_personal: &["Mail.Send"],
            application: &["Mail.Send"],
            scenarios: &[],
        };
        let app = least_privileged(PermissionKind::Application, &[get, send]);
        assert_eq!(app.permissions, ["Mail.Send"]);
        assert_eq!(app.unsupported, [0]);
        let work = least_privileged(PermissionKind::DelegatedWork, &[get, send]);
        assert_eq!(work.permissions, ["Mail.Read", "Mail.Send"]);
    }

    #[test]
    fn a_scenario_chooses_its_own_list() {
        let assign = Permissions {
            application: &["Apps.ReadWrite.All", "Policy.ReadWrite.All"],
            scenarios: &[
                Scenario {
                    kind: PermissionKind::Application,
                    name: "Mobile app management (MAM)",
                    permissions: &["Apps.ReadWrite.All"],
                },
                Scenario {
                    kind: PermissionKind::Application,
                    name: "Policy Set",
                    permissions: &["Policy.ReadWrite.All"],
                },
            ],
            ..Permissions::UNDOCUMENTED
        };
        let any = least_privileged(PermissionKind::Application, &[assign]);
        assert_eq!(any.permissions, ["Apps.ReadWrite.All"]);
        let policy = least_privileged_in(PermissionKind::Application, "policy set", &[assign]);
        assert_eq!(policy.permissions, ["Policy.ReadWrite.All"]);
        let work = least_privileged_in(PermissionKind::DelegatedWork, "Policy Set", &[assign]);
        assert_eq!(work.unsupported, [0]);
    }
}
