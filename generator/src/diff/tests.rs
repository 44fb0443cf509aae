use super::*;
use crate::emit::surface::{Item, ItemKind, Surface};

fn item(kind: ItemKind, signature: &str, wire: &str, features: &[&str]) -> Item {
    Item {
        kind,
        signature: signature.into(),
        wire: wire.into(),
        doc: String::new(),
        features: features.iter().map(|f| f.to_string()).collect(),
        source: None,
    }
}

fn surface(items: &[(&str, Item)]) -> Surface {
    Surface {
        api_version: "v1.0".into(),
        items: items
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    }
}

fn field(signature: &str) -> Item {
    item(ItemKind::Field, signature, "\"x\": Edm.String", &["me"])
}

#[test]
fn additions_are_minor_and_a_new_value_is_a_behaviour_change() {
    let old = surface(&[]);
    let new = surface(&[
        ("models::A.x", field("Nullable<String>")),
        (
            "models::S::Revoked",
            item(ItemKind::Variant, "", "revoked", &["me"]),
        ),
    ]);
    let changes = diff(&old, &new);
    assert_eq!(changes.len(), 2);
    assert!(changes.iter().all(|c| c.class == Class::Minor));
    let variant = &changes[1];
    assert!(variant
        .behaviour
        .as_deref()
        .unwrap()
        .contains("Unrecognized(\"revoked\")"));
    assert_eq!(highest(&changes), Some(Class::Minor));
}

#[test]
fn removals_and_retypes_are_major() {
    let old = surface(&[
        ("models::A.x", field("Nullable<String>")),
        ("models::A.y", field("Nullable<String>")),
    ]);
    let new = surface(&[("models::A.y", field("Nullable<Vec<String>>"))]);
    let changes = diff(&old, &new);
    assert_eq!(
        changes
            .iter()
            .map(|c| (c.action, c.class))
            .collect::<Vec<_>>(),
        [
            (Action::Removed, Class::Major),
            (Action::Changed, Class::Major)
        ]
    );
}

#[test]
fn wire_and_doc_edits_are_patches_and_a_lost_feature_is_major() {
    let mut doc = field("Nullable<String>");
    doc.doc = "new words".into();
    let mut wire = field("Nullable<String>");
    wire.wire = "\"x\": Edm.String, nullable".into();
    let moved = item(ItemKind::Struct, "", "", &["users"]);
    let old = surface(&[
        ("a", field("Nullable<String>")),
        ("b", field("Nullable<String>")),
        ("c", item(ItemKind::Struct, "", "", &["me", "users"])),
        ("d", item(ItemKind::Struct, "", "", &["full"])),
    ]);
    let new = surface(&[("a", doc), ("b", wire), ("c", moved.clone()), ("d", moved)]);
    let changes = diff(&old, &new);
    let classes: Vec<Class> = changes.iter().map(|c| c.class).collect();
    assert_eq!(
        classes,
        [Class::Patch, Class::Patch, Class::Major, Class::Minor]
    );
    assert!(changes[1].behaviour.is_some());
    assert!(changes[2].reason.contains("`me`"));
}

#[test]
fn the_next_version_follows_cargo_rules_below_and_above_one() {
    let v = |s: &str| semver::Version::parse(s).unwrap();
    let next = |s, c| next_version(&v(s), c).to_string();
    assert_eq!(next("0.2.3", Some(Class::Major)), "0.3.0");
    assert_eq!(next("0.2.3", Some(Class::Minor)), "0.2.4");
    assert_eq!(next("1.2.3", Some(Class::Major)), "2.0.0");
    assert_eq!(next("1.2.3", Some(Class::Minor)), "1.3.0");
    assert_eq!(next("1.2.3", Some(Class::Patch)), "1.2.4");
    assert_eq!(next("1.2.3", None), "1.2.3");
}

#[test]
fn an_unchanged_surface_has_no_changes() {
    let s = surface(&[("models::A.x", field("Nullable<String>"))]);
    assert!(diff(&s, &s).is_empty());
    let report = render::Report::new(&[], None);
    assert_eq!(render::summary(&report), "no change to the public API");
}
