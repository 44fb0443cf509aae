//! When an item is compiled: with the cargo feature of any area that needs it (see
//! [`crate::select::areas`]). Without area features every item is compiled.

use proc_macro2::TokenStream;
use quote::quote;

use crate::select::areas::{AreaSet, Areas};

pub struct Gate<'a> {
    pub areas: &'a Areas,
    features: bool,
}

impl<'a> Gate<'a> {
    /// A doc set without areas (types, no operations) has no area features, not even the
    /// `full` the manifest then does not declare: everything is compiled.
    pub fn new(areas: &'a Areas, features: bool) -> Self {
        Gate {
            areas,
            features: features && !areas.names.is_empty(),
        }
    }

    /// `#[cfg(feature = "users")]`, `#[cfg(any(feature = "me", feature = "users"))]`, or nothing
    /// without area features.
    pub fn cfg(&self, set: &AreaSet) -> Option<TokenStream> {
        if !self.features {
            return None;
        }
        let features = self.areas.features(set);
        Some(match features.as_slice() {
            [one] => quote!(#[cfg(feature = #one)]),
            many => quote!(#[cfg(any(#(feature = #many),*))]),
        })
    }

    /// The bytes one `cfg` attribute of `set` takes as prettyplease writes it, with area features
    /// or without: the module layout weighs items by it, so that a crate is split alike either
    /// way and no file with features outgrows the limit.
    pub fn cfg_bytes(&self, set: &AreaSet) -> usize {
        match self.areas.features(set).as_slice() {
            [] => 0,
            [one] => r#"#[cfg(feature = "")]"#.len() + one.len() + 1,
            many => {
                let lines: usize = many
                    .iter()
                    .map(|f| r#"        feature = "","#.len() + f.len() + 1)
                    .sum();
                "#[cfg(\n    any(\n".len() + lines + "    )\n)]\n".len()
            }
        }
    }

    /// The gate of a part of an item (a variant of `AnyX`) that the item's own gate does not
    /// already imply: nothing when every area that compiles the item also compiles the part.
    pub fn part_cfg(&self, part: &AreaSet, item: &AreaSet) -> Option<TokenStream> {
        if item.is_empty() || item.is_subset(part) {
            None
        } else {
            self.cfg(part)
        }
    }
}
