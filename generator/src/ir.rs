//! The intermediate schema: what the pages say, independent of Rust. Serializable for `--emit-ir`.
//!
//! The IR also owns the vocabulary every stage shares: path segments and example URLs
//! ([`url`]), primitive type names, HTTP methods and [`NameKey`], the case-folded name by which
//! types, enums and pages are looked up. The schema answers its own questions (a type's
//! ancestors, its inherited properties, the derived type an object is read as).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Source;

mod name_key;
mod permission;
mod segment;
pub mod url;
pub use name_key::NameKey;
pub use permission::{Permission, PermissionKind, PermissionScope};
pub use segment::{same_arg_names, ArgShape, FunctionArg, Segment};

/// The resolved schema of a whole docs folder. Every list is sorted, so output is deterministic.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Schema {
    /// The API version the pages document (`v1.0`, `beta`).
    pub api_version: String,
    pub types: Vec<TypeDef>,
    pub enums: Vec<EnumDef>,
    pub operations: Vec<Operation>,
    /// The URL space as the pages document it.
    pub paths: PathTree,
    /// The URL space as the client offers it: documented nodes that address the same entity
    /// type are one node, with the operations and child segments documented for any of them.
    #[serde(default)]
    pub api: ApiGraph,
}

impl Schema {
    /// The type named `name` (exactly). `types` is sorted by lower-cased name, so this is a
    /// binary search; a schema built some other way is still searched, linearly.
    pub fn find_type(&self, name: &str) -> Option<&TypeDef> {
        let lower = |s: &str| {
            s.bytes()
                .map(|b| b.to_ascii_lowercase())
                .collect::<Vec<u8>>()
        };
        let key = lower(name);
        self.types
            .binary_search_by(|t| {
                t.name
                    .bytes()
                    .map(|b| b.to_ascii_lowercase())
                    .cmp(key.iter().copied())
            })
            .ok()
            .map(|i| &self.types[i])
            .filter(|t| t.name == name)
            .or_else(|| self.types.iter().find(|t| t.name == name))
    }
}

/// Questions the schema answers about its types.
impl Schema {
    /// The names of the types `t` derives from, nearest first; stops at a cycle.
    pub fn ancestors<'a>(&'a self, t: &'a TypeDef) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        let mut current = t;
        while let Some(base) = &current.base_type {
            let Some(b) = self.find_type(base) else {
                break;
            };
            if b.name == t.name || out.contains(&b.name.as_str()) {
                break;
            }
            out.push(&b.name);
            current = b;
        }
        out
    }

    /// The type an object is read as: a descendant named by `@odata.type`, else `base` (the
    /// generated `AnyX` enums choose the same way).
    pub fn dispatch<'a>(&'a self, base: &'a TypeDef, value: &serde_json::Value) -> &'a TypeDef {
        let Some(named) = value.get("@odata.type").and_then(serde_json::Value::as_str) else {
            return base;
        };
        let named = named.trim_start_matches('#');
        let Some((namespace, name)) = named.rsplit_once('.') else {
            return base;
        };
        self.types
            .iter()
            .filter(|t| {
                t.name.eq_ignore_ascii_case(name) && t.namespace.eq_ignore_ascii_case(namespace)
            })
            .find(|t| self.ancestors(t).contains(&base.name.as_str()))
            .unwrap_or(base)
    }

    /// Every type a property, relationship, parameter, request body or answer is typed as, with
    /// the place the page writes it: types' rows first, then operations in order.
    pub fn type_refs(&self) -> Vec<(&TypeRef, &Source)> {
        let mut out = Vec::new();
        for t in &self.types {
            for p in t.properties.iter().chain(&t.navigation_properties) {
                out.push((&p.ty, &p.source));
            }
        }
        for op in &self.operations {
            if let Some(body) = &op.response.body {
                out.push((body, &op.response.source));
            }
            match &op.request_body {
                Some(RequestBody::Type { ty, source }) => out.push((ty, source)),
                Some(RequestBody::Parameters { parameters, .. }) => {
                    out.extend(parameters.iter().map(|p| (&p.ty, &p.source)))
                }
                _ => {}
            }
        }
        out
    }

    /// A type's properties with those it inherits, as the generated struct has them.
    pub fn all_properties<'a>(&'a self, t: &'a TypeDef) -> Vec<&'a Property> {
        let mut chain = vec![t];
        let mut current = t;
        while let Some(base) = &current.base_type {
            let Some(b) = self.find_type(base) else {
                break;
            };
            if chain.iter().any(|c| c.name == b.name) {
                break;
            }
            chain.push(b);
            current = b;
        }
        let mut out: Vec<&Property> = Vec::new();
        let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for def in chain.iter().rev() {
            for p in def.properties.iter().chain(&def.navigation_properties) {
                match at.entry(p.name.as_str()) {
                    std::collections::hash_map::Entry::Occupied(e) => out[*e.get()] = p,
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(out.len());
                        out.push(p);
                    }
                }
            }
        }
        out
    }
}

/// Lower-cased page file stem (`chartpoint`) -> lower-cased name of the one type that page
/// defines (`workbookchartpoint`): a link to a resource page names the type it documents,
/// whatever the page's file is called. A page that defines several types names none of them.
pub fn pages_defining<'a>(
    types: impl IntoIterator<Item = &'a TypeDef>,
) -> BTreeMap<NameKey, NameKey> {
    let mut by_page: BTreeMap<NameKey, Option<NameKey>> = BTreeMap::new();
    for t in types {
        let file = t.source.file.rsplit('/').next().unwrap_or(&t.source.file);
        let stem = NameKey::of(file.trim_end_matches(".md"));
        by_page
            .entry(stem)
            .and_modify(|k| *k = None)
            .or_insert_with(|| Some(NameKey::of(&t.name)));
    }
    by_page
        .into_iter()
        .filter_map(|(stem, key)| Some((stem, key?)))
        .collect()
}

/// What one page contributes before resolution.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Fragment {
    Type(Box<TypeDef>),
    Enum(Box<EnumDef>),
    Operation(Box<Operation>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind {
    Entity,
    Complex,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TypeDef {
    /// The wire name, as in `@odata.type` without namespace: `enterpriseCodeSigningCertificate`.
    pub name: String,
    pub namespace: String,
    pub kind: TypeKind,
    /// Markdown, as on the page.
    pub description: String,
    pub base_type: Option<String>,
    pub key: Option<String>,
    pub is_abstract: bool,
    pub is_open: bool,
    pub properties: Vec<Property>,
    pub navigation_properties: Vec<Property>,
    /// Every name the page's property and relationship tables give, read or not: the names an
    /// example's object of this type must not leave unread.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documented: Vec<String>,
    pub source: Source,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Property {
    /// The wire name.
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    pub description: String,
    pub read_only: bool,
    /// Set where the page says so ("Nullable." / "Not nullable.").
    pub nullable: Option<bool>,
    pub required: bool,
    /// Held in a `Box`: the field closes a cycle of types that hold each other by value.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub boxed: bool,
    /// Added from the service metadata (`--metadata-fill`): no page documents it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_metadata: bool,
    pub source: Source,
}

/// A type as written in a table cell, and what it resolved to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeRef {
    /// The cell text with markup removed.
    pub written: String,
    /// The bare type name: `String`, `certificateStatus`, `microsoft.graph.user`.
    pub name: String,
    pub collection: bool,
    /// Filled in by the resolve stage.
    pub resolved: Option<Resolved>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "lowercase")]
pub enum Resolved {
    Primitive(Primitive),
    Type(String),
    Enum(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Primitive {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    Binary,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Guid,
    Stream,
    /// Untyped JSON, where the page says so (`Json`, `JSON object`).
    Json,
}

impl Primitive {
    /// The primitive a type name stands for, across the spellings the pages use.
    pub fn from_name(name: &str) -> Option<Primitive> {
        let lower = name.to_ascii_lowercase();
        let lower = lower.strip_prefix("edm.").unwrap_or(&lower);
        Some(match lower {
            "string" | "str" | "url" | "uri" | "text" => Primitive::String,
            "boolean" | "bool" => Primitive::Boolean,
            "byte" => Primitive::Byte,
            "sbyte" => Primitive::SByte,
            "int16" | "short" => Primitive::Int16,
            "int32" | "int" | "integer" | "number" | "numeric" => Primitive::Int32,
            "int64" | "long" | "bigint" => Primitive::Int64,
            "single" | "float" => Primitive::Single,
            "double" => Primitive::Double,
            "decimal" => Primitive::Decimal,
            "binary" | "base64" | "base64binary" => Primitive::Binary,
            "datetimeoffset" | "datetime" | "timestamp" => Primitive::DateTimeOffset,
            "date" => Primitive::Date,
            "timeofday" | "time" => Primitive::TimeOfDay,
            "duration" | "timespan" => Primitive::Duration,
            "guid" | "uuid" => Primitive::Guid,
            "stream" => Primitive::Stream,
            "json" | "object" | "untypedobject" => Primitive::Json,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EnumDef {
    pub name: String,
    pub namespace: String,
    pub description: String,
    pub members: Vec<EnumMember>,
    pub source: Source,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EnumMember {
    pub name: String,
    pub value: Option<i64>,
    pub description: String,
    pub source: Source,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OperationKind {
    List,
    Get,
    Create,
    Update,
    Delete,
    Action,
    Function,
}

/// An HTTP method a request line uses. Ordered as its name is, so sorting by method stays
/// what it was when methods were text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    Delete,
    Get,
    Head,
    Options,
    Patch,
    Post,
    Put,
}

impl HttpMethod {
    pub const ALL: [HttpMethod; 7] = [
        HttpMethod::Delete,
        HttpMethod::Get,
        HttpMethod::Head,
        HttpMethod::Options,
        HttpMethod::Patch,
        HttpMethod::Post,
        HttpMethod::Put,
    ];

    /// `GET`, as a request line writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Delete => "DELETE",
            HttpMethod::Get => "GET",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
        }
    }

    /// The method a name spells, whatever its case.
    pub fn from_name(name: &str) -> Option<HttpMethod> {
        HttpMethod::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(name))
    }

    /// Whether an example's method (text, as the page writes it) is this one.
    pub fn is(self, written: &str) -> bool {
        self.as_str().eq_ignore_ascii_case(written)
    }
}

impl std::fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Operation {
    pub title: String,
    pub description: String,
    pub kind: OperationKind,
    pub method: HttpMethod,
    pub paths: Vec<PathTemplate>,
    /// OData system query options the page says the method supports.
    pub query_options: Vec<String>,
    pub request_headers: Vec<Header>,
    pub request_body: Option<RequestBody>,
    pub response: Response,
    pub permissions: Vec<Permission>,
    pub examples: Vec<Example>,
    pub source: Source,
    /// Not on a page of its own but implied by OData for a documented one (`$count` of a list).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub implied: bool,
    /// The arguments a function takes in its path, as its `Function parameters` table types them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub function_parameters: Vec<Property>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PathTemplate {
    pub template: String,
    pub segments: Vec<Segment>,
    pub source: Source,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Header {
    pub name: String,
    pub value: String,
    pub required: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RequestBody {
    /// A JSON representation of a documented type.
    Type { ty: TypeRef, source: Source },
    /// A table of parameters (actions), or of the properties an update may change.
    Parameters {
        parameters: Vec<Property>,
        /// Types the body may be, where the page links none (create and update pages).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        hints: Vec<TypeRef>,
        source: Source,
    },
    /// `{"@odata.id": "..."}`: adds a reference (`POST .../$ref`).
    Reference { source: Source },
    /// Raw bytes: file content (`PUT .../content`, `.../$value`).
    Stream { source: Source },
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Response {
    pub status: u16,
    pub body: Option<TypeRef>,
    /// Names that may be the response type where the prose links none (`**alert** object`, the
    /// response example's `@odata.type`); resolve takes the first that names a type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<TypeRef>,
    /// The page names no response type; `body` is the entity a create or update sends, which
    /// the service may or may not send back.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub body_assumed: bool,
    pub source: Source,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Example {
    pub name: Option<String>,
    pub request: Option<ExampleRequest>,
    pub response: Option<ExampleResponse>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ExampleRequest {
    pub method: String,
    pub url: url::ExampleUrl,
    pub headers: Vec<(String, String)>,
    pub body: Option<ExampleBody>,
    pub source: Source,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ExampleResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Option<ExampleBody>,
    pub source: Source,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ExampleBody {
    pub raw: String,
    /// The body parsed leniently; `None` when even the lenient parser failed.
    pub json: Option<serde_json::Value>,
    /// Whether `raw` is strict JSON.
    pub strict: bool,
    /// The example's `Content-Type`, when it names one that is not JSON (`text/plain`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_json_type: Option<String>,
    pub source: Source,
}

/// The URL space: one node per segment, each holding the operations that end there.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PathTree {
    pub root: PathNode,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PathNode {
    /// The segment leading here; `None` for the root.
    pub segment: Option<Segment>,
    pub children: Vec<PathNode>,
    /// Indices into [`Schema::operations`] of the operations on this path.
    pub operations: Vec<usize>,
    /// What the path addresses, where the pages say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addresses: Option<Addressed>,
}

/// The entity (or collection of entities) a path addresses.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Addressed {
    /// The type's wire name, as in [`TypeDef::name`].
    #[serde(rename = "type")]
    pub ty: String,
    pub collection: bool,
    pub evidence: Evidence,
}

impl Addressed {
    /// Whether the schema gives the type (a property, an item, a cast, the child segments), not
    /// only the path's own operations.
    pub fn from_schema(&self) -> bool {
        self.evidence != Evidence::Operations
    }
}

/// How the type of a path is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// A property or relationship of the parent's type names the segment.
    Property,
    /// An item (`{id}`, a key, an address) of a collection.
    Item,
    /// An OData cast (`microsoft.graph.user`).
    Cast,
    /// What the operations documented on the path send and answer.
    Operations,
    /// The one type whose properties name the path's child segments.
    Children,
}

/// The client's URL graph. Node 0 is the client itself; the graph has cycles where an entity
/// holds entities of its own type (`driveItem` → `children/{id}`).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ApiGraph {
    pub nodes: Vec<ApiNode>,
    /// Method and path pairs that several pages document, and how each was decided.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ApiNode {
    /// The shortest documented path that leads here, for docs.
    pub path: String,
    /// How many documented paths lead here (`/me` and `/users/{id}`: 2).
    pub documented_paths: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addresses: Option<Addressed>,
    /// Every documented path that addresses one entity of this type leads here.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared: bool,
    /// For an item of a relationship (`members/{id}`, `manager`): the relationship, whose
    /// `$ref` this node also has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    pub edges: Vec<ApiEdge>,
    /// Per method, the canonical operation first.
    pub operations: Vec<NodeOperation>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ApiEdge {
    /// As the schema spells it, where a property names it (`directoryAudits`).
    pub segment: Segment,
    pub target: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeOperation {
    /// Index into [`Schema::operations`].
    pub operation: usize,
    pub role: Role,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The operation the method's plain name (`get()`, `list()`, `create()`) stands for.
    Canonical,
    /// The same request as the canonical one (same body and answer), documented on another
    /// page: reached through the canonical method.
    SameRequest,
    /// A different reading of the same request (another answer type or body): its own method,
    /// named after its title.
    Alternative,
}

/// Several pages document one method on one path.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Choice {
    pub method: HttpMethod,
    pub path: String,
    pub canonical: usize,
    pub others: Vec<usize>,
    pub rule: ChoiceRule,
}

/// What decided a [`Choice`], strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChoiceRule {
    /// Its answer (or body) is the type the path addresses; the others' are not.
    PathType,
    /// Its type is the most general of them (a base type over a derived one).
    MostGeneral,
    /// The others send the same request: one operation documented on several pages.
    SameRequest,
    /// Nothing in the types told them apart: the title that names the path's type, then the page.
    Title,
}
