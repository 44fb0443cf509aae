//! An example URL -> the builder calls that produce it and the operation it reaches.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};

use super::super::api_index::{argument_rust_type, ApiIndex, FlatEdge};
use crate::ir::Segment;
use crate::ir::{ArgShape, Primitive, Schema};

/// Where an example request leads: the builder calls, the path as the request carries it, the
/// builder method and the operation.
pub(super) struct Routed {
    pub(super) calls: Vec<TokenStream>,
    pub(super) path: String,
    pub(super) method: String,
    pub(super) op: usize,
    /// Why it is not tested, when it is not.
    pub(super) refused: Option<String>,
    /// The example casts a collection: (item type, its wire name, whether it asks for `$count`).
    pub(super) cast: Option<(TokenStream, String, bool)>,
}

/// Where a walk through the builders ends.
#[derive(Clone, Copy)]
pub(super) enum End {
    Node(usize),
    /// `…/microsoft.graph.user` (or its `/$count`) below the collection at `node`.
    Cast {
        node: usize,
        item: usize,
        count: bool,
    },
}

pub(super) fn route_example(
    schema: &Schema,
    index: &ApiIndex,
    op_index: usize,
    request: &crate::ir::ExampleRequest,
) -> Result<Routed, String> {
    let op = &schema.operations[op_index];
    let segments = &request.url.segments;
    let same_method = |o: usize| schema.operations[o].method.is(&request.method);
    // Prefer a way through the tree that ends at an operation with the example's method; two
    // templates may match one URL (`/domains/{id}` and a page's literal `/domains/contoso.com`).
    let mut trail = Trail::default();
    let is_get = crate::ir::HttpMethod::Get.is(&request.method);
    let with_method = |end: End| match end {
        End::Node(n) => index.nodes[n]
            .operation_methods
            .iter()
            .any(|(o, _)| same_method(*o)),
        End::Cast { .. } => is_get,
    };
    let mut end = walk(index, 0, segments, &mut trail, &with_method);
    if end.is_none() {
        trail.steps.clear();
        end = walk(index, 0, segments, &mut trail, &|_| true);
    }
    let (calls, path): (Vec<TokenStream>, Vec<String>) = trail.steps.into_iter().unzip();
    if let Some(End::Cast { node, item, count }) = end {
        return routed_cast(schema, index, (node, item, count), (calls, path), request);
    }
    let end = end.map(|e| match e {
        End::Node(n) | End::Cast { node: n, .. } => n,
    });
    if let (None, Some(why)) = (end, trail.refusal) {
        return Err(why);
    }
    let Some(end) = end else {
        return Err(format!(
            "example URL path `{}` matches no documented path; not tested",
            request.url.split.path
        ));
    };
    let ops = &index.nodes[end].operation_methods;
    let found = ops
        .iter()
        .find(|(o, _)| *o == op_index && same_method(*o))
        .or_else(|| ops.iter().find(|(o, _)| same_method(*o)));
    // A method name shared by operations that send the same request is the first one's: its
    // builder method takes that operation's body and answers its type, so the test must too,
    // unless the page's own operation has the very same types.
    let found = found.and_then(|own| {
        let owner = ops.iter().find(|(_, m)| *m == own.1)?;
        let (a, b) = (&index.operations[own.0], &index.operations[owner.0]);
        Some(if (&a.body, &a.output) == (&b.body, &b.output) {
            own
        } else {
            owner
        })
    });
    let Some((target, method)) = found else {
        if !op.method.is(&request.method) {
            return Err(format!(
                "example uses `{}` but the page documents `{}`; not tested",
                request.method, op.method
            ));
        }
        return Err(format!(
            "example URL path `{}` matches no documented `{}` operation; not tested",
            request.url.split.path, request.method
        ));
    };
    let mut refused = None;
    if *target != op_index {
        let other = &schema.operations[*target];
        refused = Some(if other.implied {
            format!(
                "example calls `{} {}`, which no page documents but OData implies (`{}`); tested as that operation",
                request.method, request.url.split.path, other.title
            )
        } else {
            format!(
                "example calls `{} {}`, which `{}` documents ({}); tested as that operation",
                request.method, request.url.split.path, other.title, other.source
            )
        });
    }
    Ok(Routed {
        calls,
        path: path.concat(),
        method: method.clone(),
        op: *target,
        refused,
        cast: None,
    })
}

pub(super) type Step = (TokenStream, String);

/// The builder calls a walk through the API has taken so far, and why an argument was refused
/// on the way.
#[derive(Default)]
pub(super) struct Trail {
    pub(super) steps: Vec<Step>,
    pub(super) refusal: Option<String>,
}

pub(super) fn walk(
    index: &ApiIndex,
    at: usize,
    segments: &[Segment],
    trail: &mut Trail,
    accept: &dyn Fn(End) -> bool,
) -> Option<End> {
    let Some((segment, rest)) = segments.split_first() else {
        return accept(End::Node(at)).then_some(End::Node(at));
    };
    let edges = &index.nodes[at].edges;
    let named: Vec<&FlatEdge> = edges
        .iter()
        .filter(|e| match (&e.segment, segment) {
            (Segment::Static(a), Segment::Static(b)) => a.eq_ignore_ascii_case(b),
            (node @ Segment::Function { .. }, Segment::Function { .. }) => node.same_place(segment),
            (Segment::Address { base, .. }, Segment::Address { base: given, .. }) => {
                !base.is_param() && base.same_place(given)
            }
            _ => false,
        })
        .collect();
    // An `{id}`, or an item addressed by its path below an `{id}` (`{parent-id}:/{name}:`).
    let params: Vec<&FlatEdge> = edges
        .iter()
        .filter(|e| match (&e.segment, segment) {
            (Segment::Param { .. }, _) => true,
            (Segment::Address { base, .. }, Segment::Address { .. }) => base.is_param(),
            _ => false,
        })
        .collect();
    for next in named {
        if let Some(end) = step_into(index, next, segment, rest, trail, accept) {
            return Some(end);
        }
    }
    // A derived type's name is a cast before it is an id.
    if let Some(end) = cast_step(index, at, segment, rest, trail, accept) {
        return Some(end);
    }
    // OData's key in parentheses, `events('AAMk…')`, is the item `events/AAMk…`.
    if let Segment::Function { name, args } = segment {
        if let [key] = args.as_slice() {
            if key.name.is_empty() {
                let mut expanded = vec![
                    Segment::Static(name.clone()),
                    Segment::Static(key.inner_value()),
                ];
                expanded.extend_from_slice(rest);
                if let Some(end) = walk(index, at, &expanded, trail, accept) {
                    return Some(end);
                }
            }
        }
    }
    for next in params {
        if let Some(end) = step_into(index, next, segment, rest, trail, accept) {
            return Some(end);
        }
    }
    None
}

pub(super) fn step_into(
    index: &ApiIndex,
    edge: &FlatEdge,
    segment: &Segment,
    rest: &[Segment],
    trail: &mut Trail,
    accept: &dyn Fn(End) -> bool,
) -> Option<End> {
    let step = step_for(index, edge, segment, &mut trail.refusal)?;
    trail.steps.push(step);
    let end = walk(index, edge.target, rest, trail, accept);
    if end.is_none() {
        trail.steps.pop();
    }
    end
}

/// `…/microsoft.graph.user[/$count]` below a collection of a base type: `.cast::<User>()`.
pub(super) fn cast_step(
    index: &ApiIndex,
    at: usize,
    segment: &Segment,
    rest: &[Segment],
    trail: &mut Trail,
    accept: &dyn Fn(End) -> bool,
) -> Option<End> {
    let (Segment::Static(written), Some((method, cast))) = (segment, &index.nodes[at].cast) else {
        return None;
    };
    let item = cast
        .derived
        .iter()
        .position(|(wire, _)| wire.eq_ignore_ascii_case(written))?;
    let count = match rest {
        [] => false,
        [Segment::Static(c)] if c.eq_ignore_ascii_case("$count") => true,
        _ => return None,
    };
    let end = End::Cast {
        node: at,
        item,
        count,
    };
    if !accept(end) {
        return None;
    }
    let (wire, rust) = &cast.derived[item];
    let method = format_ident!("{}", method);
    let rust = format_ident!("{}", rust);
    trail.steps.push((
        quote!(.#method::<crate::models::#rust>()),
        format!("/{wire}"),
    ));
    if count {
        trail.steps.push((TokenStream::new(), "/$count".to_owned()));
    }
    Some(end)
}

/// The builder call that leads to node `next` for the example's `segment`, and that segment as
/// the request will carry it.
pub(super) fn step_for(
    index: &ApiIndex,
    edge: &FlatEdge,
    segment: &Segment,
    refusal: &mut Option<String>,
) -> Option<Step> {
    let accessor = format_ident!("{}", edge.accessor);
    match &edge.segment {
        Segment::Param { .. } => {
            let value = decoded(segment);
            Some((quote!(.#accessor(#value)), format!("/{value}")))
        }
        Segment::Function {
            name,
            args: template,
        } => {
            let Segment::Function { args: actual, .. } = segment else {
                return None;
            };
            let mut values = Vec::new();
            let mut written = Vec::new();
            for arg in template {
                let given = actual
                    .iter()
                    .find(|a| a.name.eq_ignore_ascii_case(&arg.name))?;
                let value = percent_decode(&given.inner_value());
                let typed = index
                    .argument_types
                    .get(&(name.to_ascii_lowercase(), arg.name.to_ascii_lowercase()));
                if let Some(&primitive) = typed.filter(|p| argument_rust_type(**p).is_some()) {
                    let Some((literal, text)) = typed_argument(primitive, &value) else {
                        *refusal = Some(format!(
                            "example passes `{value}` as `{}` of `{name}`, which its `Function parameters` table types as {primitive:?}; not tested",
                            arg.name
                        ));
                        return None;
                    };
                    values.push(literal);
                    written.push(format!("{}={text}", arg.name));
                    continue;
                }
                // The request writes the value as the template does (`date=2018-03-05` or
                // `period='D7'`); an example that quotes differently means the same value.
                let text = match arg.shape() {
                    ArgShape::Typed(prefix) => format!("{prefix}'{}'", value.replace('\'', "''")),
                    ArgShape::Quoted => format!("'{}'", value.replace('\'', "''")),
                    ArgShape::Raw => value.clone(),
                };
                values.push(quote!(#value));
                written.push(if arg.name.is_empty() {
                    text
                } else {
                    format!("{}={text}", arg.name)
                });
            }
            Some((
                quote!(.#accessor(#(#values),*)),
                format!("/{name}({})", written.join(",")),
            ))
        }
        Segment::KeyValue { key, .. } => {
            let Segment::KeyValue { value, .. } = segment else {
                return None;
            };
            let value = percent_decode(value);
            Some((quote!(.#accessor(#value)), format!("/{key}={value}")))
        }
        Segment::Address { base, closed, .. } => {
            let Segment::Address {
                base: given_base,
                path,
                ..
            } = segment
            else {
                return None;
            };
            let item_path = percent_decode(path.trim_matches('/'));
            let colon = if *closed { ":" } else { "" };
            match base.as_ref() {
                Segment::Param { .. } => {
                    let id = decoded(given_base);
                    Some((
                        quote!(.#accessor(#id, #item_path)),
                        format!("/{id}:/{item_path}{colon}"),
                    ))
                }
                literal => Some((
                    quote!(.#accessor(#item_path)),
                    format!("/{literal}:/{item_path}{colon}"),
                )),
            }
        }
        // The builder sends the segment as the schema spells it.
        written => Some((quote!(.#accessor()), format!("/{written}"))),
    }
}

/// An example's argument as the typed value the builder takes, and as the request writes it.
pub(super) fn typed_argument(primitive: Primitive, value: &str) -> Option<(TokenStream, String)> {
    let value = value.trim();
    match primitive {
        Primitive::Byte | Primitive::SByte | Primitive::Int16 | Primitive::Int32 => {
            let n = value.parse::<i32>().ok()?;
            Some((
                proc_macro2::Literal::i32_suffixed(n).into_token_stream(),
                n.to_string(),
            ))
        }
        Primitive::Int64 => {
            let n = value.parse::<i64>().ok()?;
            Some((
                proc_macro2::Literal::i64_suffixed(n).into_token_stream(),
                n.to_string(),
            ))
        }
        Primitive::Single | Primitive::Double | Primitive::Decimal => {
            let n = value.parse::<f64>().ok().filter(|n| n.is_finite())?;
            Some((
                proc_macro2::Literal::f64_suffixed(n).into_token_stream(),
                n.to_string(),
            ))
        }
        Primitive::Boolean => {
            let b = value.to_ascii_lowercase().parse::<bool>().ok()?;
            Some((quote!(#b), b.to_string()))
        }
        _ => None,
    }
}

/// A segment as the server would see it after percent-decoding.
pub(super) fn decoded(segment: &Segment) -> String {
    let text = segment.to_string();
    percent_decode(&text)
}

pub(super) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// An example that lists (or counts) a collection cast to a derived type: `.cast::<T>().list()`.
fn routed_cast(
    schema: &Schema,
    index: &ApiIndex,
    (node, item, count): (usize, usize, bool),
    (calls, path): (Vec<TokenStream>, Vec<String>),
    request: &crate::ir::ExampleRequest,
) -> Result<Routed, String> {
    let is_get = crate::ir::HttpMethod::Get.is(&request.method);
    let list = index.nodes[node]
        .operation_methods
        .iter()
        .find(|(o, _)| schema.operations[*o].method == crate::ir::HttpMethod::Get);
    let (Some((list, _)), Some((_, cast))) = (list, &index.nodes[node].cast) else {
        return Err(format!(
            "example URL path `{}` casts a collection that has no documented list; not tested",
            request.url.split.path
        ));
    };
    if !is_get {
        return Err(format!(
            "example `{}`s a cast collection `{}`, which only lists; not tested",
            request.method, request.url.split.path
        ));
    }
    let (wire, rust) = &cast.derived[item];
    let wire = wire.rsplit('.').next().unwrap_or(wire).to_owned();
    let rust = format_ident!("{}", rust);
    Ok(Routed {
        calls,
        path: path.concat(),
        method: if count { "count" } else { "list" }.to_owned(),
        op: *list,
        refused: None,
        cast: Some((quote!(crate::models::#rust), wire, count)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_escapes_are_decoded_and_broken_ones_kept() {
        assert_eq!(percent_decode("a%20b%2Fc"), "a b/c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("caf%C3%A9"), "café");
    }
}
