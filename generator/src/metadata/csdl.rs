//! CSDL XML -> [`Metadata`]. roxmltree holds the whole document (a few MB) and the walk is one
//! pass; lines come from a table of line starts, as roxmltree's own lookup scans from the start.

use std::collections::BTreeMap;

use roxmltree::{Document, Node};

use super::{
    sort_key, MetaEnum, MetaMember, MetaOperation, MetaOperationKind, MetaProperty, MetaRoot,
    MetaType, MetaTypeKind, MetaTypeRef, Metadata, QualifiedName,
};
use crate::diagnostics::{Code, Diagnostic, Source};

/// Reads a CSDL document. Never panics: XML that does not parse is one diagnostic and an empty
/// model; elements it does not know (annotations, terms) are skipped, as they say nothing the
/// pages are compared on.
pub fn read(file: &str, text: &str) -> (Metadata, Vec<Diagnostic>) {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    let mut metadata = Metadata {
        file: file.to_owned(),
        ..Default::default()
    };
    let doc = match Document::parse_with_options(text, options) {
        Ok(doc) => doc,
        Err(e) => {
            let pos = e.pos();
            let at = Source::new(file, pos.row as usize);
            let message = format!("the metadata is not readable XML ({e}); nothing is compared");
            return (
                metadata,
                vec![Diagnostic::new(Code::MetadataUnreadable, &at, message)],
            );
        }
    };
    let lines = Lines::new(text);
    let schemas: Vec<Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("Schema"))
        .collect();
    let aliases: BTreeMap<String, String> = schemas
        .iter()
        .filter_map(|s| {
            let ns = s.attribute("Namespace")?;
            Some(
                [(ns.to_owned(), ns.to_owned())]
                    .into_iter()
                    .chain(s.attribute("Alias").map(|a| (a.to_owned(), ns.to_owned()))),
            )
        })
        .flatten()
        .collect();
    let reader = Reader {
        lines: &lines,
        aliases: &aliases,
    };
    for schema in &schemas {
        let namespace = schema.attribute("Namespace").unwrap_or_default();
        for node in schema.children().filter(Node::is_element) {
            reader.element(namespace, node, &mut metadata);
        }
    }
    metadata.types.sort_by_cached_key(|t| sort_key(&t.name));
    metadata.enums.sort_by_cached_key(|e| sort_key(&e.name));
    metadata.roots.sort_by(|a, b| a.name.cmp(&b.name));
    metadata
        .operations
        .sort_by_cached_key(|o| (sort_key(&o.name), o.line));
    let mut diagnostics = Vec::new();
    if schemas.is_empty() {
        let message = "the metadata has no `<Schema>` element; nothing is compared";
        diagnostics.push(Diagnostic::new(
            Code::MetadataUnreadable,
            &Source::new(file, 1),
            message,
        ));
    }
    (metadata, diagnostics)
}

struct Reader<'a> {
    lines: &'a Lines,
    aliases: &'a BTreeMap<String, String>,
}

impl Reader<'_> {
    fn element(&self, namespace: &str, node: Node, out: &mut Metadata) {
        let line = self.lines.of(node.range().start);
        let Some(name) = node.attribute("Name") else {
            return;
        };
        let name = QualifiedName {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
        };
        match node.tag_name().name() {
            "EntityType" | "ComplexType" => out.types.push(self.structured(name, node, line)),
            "EnumType" => out.enums.push(self.enumeration(name, node, line)),
            "Action" | "Function" => out.operations.push(self.operation(name, node, line)),
            "EntityContainer" => out.roots.extend(self.roots(node)),
            _ => {}
        }
    }

    fn structured(&self, name: QualifiedName, node: Node, line: usize) -> MetaType {
        let kind = if node.has_tag_name("EntityType") {
            MetaTypeKind::Entity
        } else {
            MetaTypeKind::Complex
        };
        let children = |tag: &str| -> Vec<MetaProperty> {
            node.children()
                .filter(|c| c.has_tag_name(tag))
                .filter_map(|c| self.property(c))
                .collect()
        };
        MetaType {
            name,
            kind,
            base: node.attribute("BaseType").map(|b| self.qualify(b)),
            is_abstract: node.attribute("Abstract") == Some("true"),
            is_open: node.attribute("OpenType") == Some("true"),
            properties: children("Property"),
            navigation: children("NavigationProperty"),
            line,
        }
    }

    fn property(&self, node: Node) -> Option<MetaProperty> {
        Some(MetaProperty {
            name: node.attribute("Name")?.to_owned(),
            ty: self.type_ref(node.attribute("Type")?),
            nullable: node.attribute("Nullable") != Some("false"),
            contains_target: node.attribute("ContainsTarget") == Some("true"),
            line: self.lines.of(node.range().start),
        })
    }

    fn enumeration(&self, name: QualifiedName, node: Node, line: usize) -> MetaEnum {
        let members = node
            .children()
            .filter(|c| c.has_tag_name("Member"))
            .filter_map(|m| {
                Some(MetaMember {
                    name: m.attribute("Name")?.to_owned(),
                    value: m.attribute("Value").and_then(|v| v.trim().parse().ok()),
                    line: self.lines.of(m.range().start),
                })
            })
            .collect();
        MetaEnum {
            name,
            is_flags: node.attribute("IsFlags") == Some("true"),
            members,
            line,
        }
    }

    fn operation(&self, name: QualifiedName, node: Node, line: usize) -> MetaOperation {
        let kind = if node.has_tag_name("Action") {
            MetaOperationKind::Action
        } else {
            MetaOperationKind::Function
        };
        let bound = node.attribute("IsBound") == Some("true");
        let mut parameters: Vec<MetaProperty> = node
            .children()
            .filter(|c| c.has_tag_name("Parameter"))
            .filter_map(|c| self.property(c))
            .collect();
        let bound_to = (bound && !parameters.is_empty()).then(|| parameters.remove(0).ty);
        let returns = node
            .children()
            .find(|c| c.has_tag_name("ReturnType"))
            .and_then(|r| r.attribute("Type"))
            .map(|t| self.type_ref(t));
        MetaOperation {
            name,
            kind,
            bound_to,
            parameters,
            returns,
            line,
        }
    }

    fn roots(&self, container: Node) -> Vec<MetaRoot> {
        container
            .children()
            .filter_map(|c| {
                let collection = match c.tag_name().name() {
                    "EntitySet" => true,
                    "Singleton" => false,
                    _ => return None,
                };
                let ty = c.attribute(if collection { "EntityType" } else { "Type" })?;
                Some(MetaRoot {
                    name: c.attribute("Name")?.to_owned(),
                    ty: self.qualify(ty),
                    collection,
                    line: self.lines.of(c.range().start),
                })
            })
            .collect()
    }

    /// `Collection(graph.user)` -> `microsoft.graph.user`, a collection.
    fn type_ref(&self, written: &str) -> MetaTypeRef {
        let written = written.trim();
        match written
            .strip_prefix("Collection(")
            .and_then(|r| r.strip_suffix(')'))
        {
            Some(inner) => MetaTypeRef {
                name: self.qualify(inner),
                collection: true,
            },
            None => MetaTypeRef {
                name: self.qualify(written),
                collection: false,
            },
        }
    }

    /// A name with its alias replaced by the namespace it stands for.
    fn qualify(&self, written: &str) -> QualifiedName {
        let (prefix, name) = written.rsplit_once('.').unwrap_or(("", written));
        let namespace = self
            .aliases
            .get(prefix)
            .cloned()
            .unwrap_or_else(|| prefix.to_owned());
        QualifiedName {
            namespace,
            name: name.to_owned(),
        }
    }
}

/// Byte offset -> 1-based line.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines(starts)
    }

    fn of(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}
