//! Names for `$select`, `$expand` and `$orderby`, checked by the compiler: each model that a
//! list or get returns has a generated `XField` enum of its documented properties, and a request
//! takes only the enum of the type it returns. Strings are still accepted, for what the pages do
//! not document.

use ::std::borrow::Cow;

/// A documented property of one model (`UserField::DisplayName`), as generated.
pub trait Field: Copy {
    /// The property's name on the wire (`displayName`).
    fn name(self) -> &'static str;

    /// This property, sorted in descending order (`$orderby=displayName desc`).
    fn desc(self) -> Descending<Self> {
        Descending(self)
    }
}

/// The fields of a result that is not a documented model: only strings can name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoField {}

impl Field for NoField {
    fn name(self) -> &'static str {
        match self {}
    }
}

/// A property sorted in descending order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Descending<F>(pub F);

/// What `$select` and `$expand` accept for a request whose result has the fields `F`: one of
/// them, or a string.
pub trait SelectName<F> {
    /// The text that goes in the query.
    fn query_text(&self) -> Cow<'_, str>;
}

impl<F: Field> SelectName<F> for F {
    fn query_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.name())
    }
}

impl<F> SelectName<F> for &str {
    fn query_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl<F> SelectName<F> for ::std::string::String {
    fn query_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

/// What `$orderby` accepts for a request whose result has the fields `F`: one of them
/// (ascending), one of them [`Field::desc`], or a string (`"displayName desc"`).
pub trait OrderName<F> {
    /// The text that goes in the query.
    fn query_text(&self) -> Cow<'_, str>;
}

impl<F: Field> OrderName<F> for F {
    fn query_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.name())
    }
}

impl<F: Field> OrderName<F> for Descending<F> {
    fn query_text(&self) -> Cow<'_, str> {
        Cow::Owned(format!("{} desc", self.0.name()))
    }
}

impl<F> OrderName<F> for &str {
    fn query_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl<F> OrderName<F> for ::std::string::String {
    fn query_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}
