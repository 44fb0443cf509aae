//! Names as the pages compare them.

use serde::{Deserialize, Serialize};

/// A wire name (of a type, an enum, a page) folded to ASCII lower case. The pages spell one name
/// several ways (`driveItem`, `DriveItem`, `driveitem.md`), so names are looked up and grouped by
/// this key, while the spelling a definition uses is what is printed. Maps keyed by it cannot be
/// asked with an unfolded string by mistake.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NameKey(String);

impl NameKey {
    /// The key of `name`.
    pub fn of(name: &str) -> NameKey {
        NameKey(name.to_ascii_lowercase())
    }

    /// The folded name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `a` and `b` name the same thing.
    pub fn same(a: &str, b: &str) -> bool {
        a.eq_ignore_ascii_case(b)
    }
}

impl std::fmt::Display for NameKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::NameKey;

    #[test]
    fn spellings_of_one_name_share_a_key_and_keep_the_order_of_folded_names() {
        assert_eq!(NameKey::of("driveItem"), NameKey::of("DRIVEITEM"));
        assert_ne!(NameKey::of("driveItem"), NameKey::of("drive"));
        assert!(NameKey::of("B") > NameKey::of("a"));
        assert_eq!(NameKey::of("Élan").as_str(), "Élan".to_ascii_lowercase());
        assert!(NameKey::same("user", "User"));
    }
}
