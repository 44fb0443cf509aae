//! The permissions each operation's page states, as data, and the least-privileged set that
//! covers several operations. Written with `std` alone: `graphgen permissions` compiles this
//! same file, so the CLI and the SDK choose alike.

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
}

impl Permissions {
    /// What an operation whose page states no permissions has.
    pub const UNDOCUMENTED: Permissions = Permissions {
        delegated_work: &[],
        delegated_personal: &[],
        application: &[],
    };

    /// The permissions of one kind, least privileged first.
    pub fn of(&self, kind: PermissionKind) -> &'static [&'static str] {
        match kind {
            PermissionKind::DelegatedWork => self.delegated_work,
            PermissionKind::DelegatedPersonal => self.delegated_personal,
            PermissionKind::Application => self.application,
        }
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
        };
        let send = Permissions {
            delegated_work: &["Mail.Send"],
            delegated_personal: &["Mail.Send"],
            application: &["Mail.Send"],
        };
        let app = least_privileged(PermissionKind::Application, &[get, send]);
        assert_eq!(app.permissions, ["Mail.Send"]);
        assert_eq!(app.unsupported, [0]);
        let work = least_privileged(PermissionKind::DelegatedWork, &[get, send]);
        assert_eq!(work.permissions, ["Mail.Read", "Mail.Send"]);
    }
}
