//! The methods that lead from one builder to the next: one per edge of the URL graph, taking
//! what the segment needs (an id, a function's arguments, an item path).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::api_index::{argument_rust_type, ApiIndex, FlatEdge, FlatNode};
use super::docs::Doc;
use crate::ir::ArgShape;
use crate::ir::Segment;
use crate::naming::{snake_name, Scope};

/// The method on the builder of `node` (at index `at`; 0 is the client) that follows `edge`.
pub fn accessor(index: &ApiIndex, at: usize, node: &FlatNode, edge: &FlatEdge) -> TokenStream {
    let method = format_ident!("{}", edge.accessor);
    // Qualified: the target's builder may be in another area's module.
    let builder_ident = format_ident!("{}", index.nodes[edge.target].builder);
    let builder = quote!(crate::api::#builder_ident);
    let doc = Doc(format!("`{}/{}`", node.display_path, edge.segment));
    let (self_path, client) = if at == 0 {
        (quote!(""), quote!(self.clone()))
    } else {
        (quote!(&self.path), quote!(self.client.clone()))
    };
    match &edge.segment {
        Segment::Param { name, .. } => {
            let arg = format_ident!("{}", snake_name(name));
            quote! {
                #doc
                #[inline]
                pub fn #method(&self, #arg: impl ::std::convert::AsRef<str>) -> #builder {
                    #builder { client: #client, path: crate::runtime::push_value(#self_path, #arg.as_ref()) }
                }
            }
        }
        Segment::Function { name, args } => function(
            index,
            name,
            args,
            (&method, &builder, &doc),
            (&self_path, &client),
        ),
        Segment::KeyValue { key, .. } => {
            let arg = format_ident!("{}", snake_name(key));
            quote! {
                #doc
                #[inline]
                pub fn #method(&self, #arg: impl ::std::convert::AsRef<str>) -> #builder {
                    #builder { client: #client, path: crate::runtime::push_key_value(#self_path, #key, #arg.as_ref()) }
                }
            }
        }
        Segment::Address { base, path, closed } => address(
            base,
            path,
            *closed,
            (&method, &builder, &doc),
            (&self_path, &client),
        ),
        segment => {
            let literal = segment.to_string();
            quote! {
                #doc
                #[inline]
                pub fn #method(&self) -> #builder {
                    #builder { client: #client, path: crate::runtime::push_segment(#self_path, #literal) }
                }
            }
        }
    }
}

type Names<'a> = (&'a proc_macro2::Ident, &'a TokenStream, &'a Doc);
type Place<'a> = (&'a TokenStream, &'a TokenStream);

/// `get_report(period)`: every argument is the caller's, typed where the `Function parameters`
/// table types it.
fn function(
    index: &ApiIndex,
    name: &str,
    args: &[crate::ir::FunctionArg],
    (method, builder, doc): Names,
    (self_path, client): Place,
) -> TokenStream {
    // Every argument is the caller's: the docs write placeholders (`{period}`,
    // `'parameterValue'`, `640`) where any value may stand.
    let mut scope = Scope::new();
    scope.reserve(&["self"]);
    let mut params = Vec::new();
    let mut parts = Vec::new();
    let mut texts = Vec::new();
    for (i, arg) in args.iter().enumerate() {
        let key = &arg.name;
        let ident = format_ident!("{}", scope.claim(snake_name(&arg.param_name(i))));
        let typed = index
            .argument_types
            .get(&(name.to_ascii_lowercase(), arg.name.to_ascii_lowercase()))
            .and_then(|p| argument_rust_type(*p));
        if let Some(rust_type) = typed {
            // A number or Boolean the `Function parameters` table types: written bare.
            params.push(quote!(#ident: #rust_type));
            texts.push(quote!(let #ident = #ident.to_string();));
            parts.push(quote!((#key, crate::runtime::FunctionArg::Raw(&#ident))));
            continue;
        }
        params.push(quote!(#ident: impl ::std::convert::AsRef<str>));
        parts.push(match arg.shape() {
            ArgShape::Typed(prefix) => {
                quote!((#key, crate::runtime::FunctionArg::Typed(#prefix, #ident.as_ref())))
            }
            ArgShape::Quoted => {
                quote!((#key, crate::runtime::FunctionArg::Quoted(#ident.as_ref())))
            }
            ArgShape::Raw => {
                quote!((#key, crate::runtime::FunctionArg::Raw(#ident.as_ref())))
            }
        });
    }
    quote! {
        #doc
        #[inline]
        pub fn #method(&self, #(#params),*) -> #builder {
            #(#texts)*
            #builder { client: #client, path: crate::runtime::push_function(#self_path, #name, &[#(#parts),*]) }
        }
    }
}

/// `root_path(path)`, `by_id_path(id, path)`: an item addressed by its path.
fn address(
    base: &Segment,
    path: &str,
    closed: bool,
    (method, builder, doc): Names,
    (self_path, client): Place,
) -> TokenStream {
    let placeholder = path.trim().trim_matches(['{', '}', '<', '>']);
    let is_placeholder = path.trim().starts_with('{') && !placeholder.contains(['/', '{']);
    let mut path_name = if is_placeholder {
        snake_name(placeholder)
    } else {
        "path".to_owned()
    };
    if matches!(base, Segment::Param { name, .. } if snake_name(name) == path_name) {
        path_name = "path".to_owned();
    }
    let path_param = format_ident!("{}", path_name);
    let (base_param, base_arg) = match base {
        Segment::Param { name, .. } => {
            let ident = format_ident!("{}", snake_name(name));
            (
                Some(quote!(#ident: impl ::std::convert::AsRef<str>,)),
                quote!(crate::runtime::AddressBase::Value(#ident.as_ref())),
            )
        }
        other => {
            let literal = other.to_string();
            (None, quote!(crate::runtime::AddressBase::Literal(#literal)))
        }
    };
    quote! {
        #doc
        #[inline]
        pub fn #method(&self, #base_param #path_param: impl ::std::convert::AsRef<str>) -> #builder {
            #builder { client: #client, path: crate::runtime::push_address(#self_path, #base_arg, #path_param.as_ref(), #closed) }
        }
    }
}
