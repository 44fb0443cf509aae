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
    pub fn new(areas: &'a Areas, features: bool) -> Self {
        Gate { areas, features }
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
