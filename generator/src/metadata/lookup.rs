//! Where a documented path leads in the metadata: from an entity set or singleton, through keys,
//! casts, properties, relationships and bound actions and functions, to the type it addresses.

use super::{
    MetaOperation, MetaProperty, MetaRoot, MetaType, MetaTypeRef, Metadata, QualifiedName,
};
use crate::ir::Segment;

/// How one segment was read.
#[derive(Clone, Copy, Debug)]
pub enum PathStep<'a> {
    Root(&'a MetaRoot),
    /// A key (`{id}`, `key=value`) or a path address (`root:/a/b:`): one item of a collection.
    Item,
    Cast(&'a MetaType),
    /// A property or relationship, with the type that declares it.
    Property(&'a MetaType, &'a MetaProperty),
    Operation(&'a MetaOperation),
    /// `$count`, `$value`, `$ref`: OData's own segments.
    System,
}

/// A path read against the metadata, as far as it goes.
#[derive(Clone, Debug, Default)]
pub struct PathWalk<'a> {
    pub steps: Vec<PathStep<'a>>,
    /// What the path addresses when every segment was read; `None` when it ends in an action
    /// without an answer, or failed.
    pub end: Option<MetaTypeRef>,
    /// The segment that could not be read, and why.
    pub failed: Option<(usize, String)>,
}

impl<'a> PathWalk<'a> {
    /// The bound or unbound operation the path ends in, if it does.
    pub fn operation(&self) -> Option<&'a MetaOperation> {
        match self.steps.last() {
            Some(PathStep::Operation(op)) if self.failed.is_none() => Some(op),
            _ => None,
        }
    }

    /// The relationship or property the path's last named segment reads (`joinedTeams` in
    /// `/me/joinedTeams` and in `/me/joinedTeams/{id}`), with the type that declares it.
    pub fn last_property(&self) -> Option<(&'a MetaType, &'a MetaProperty)> {
        if self.failed.is_some() {
            return None;
        }
        for step in self.steps.iter().rev() {
            match step {
                PathStep::Property(owner, p) => return Some((owner, p)),
                PathStep::Item | PathStep::System => continue,
                _ => return None,
            }
        }
        None
    }
}

impl Metadata {
    /// Reads `segments` from the service root. Lenient where the pages are (a name's case, a
    /// namespace on an operation's name), strict where a client would fail (an unknown name).
    pub fn walk(&self, segments: &[Segment]) -> PathWalk<'_> {
        let mut walk = PathWalk::default();
        let mut at: Option<MetaTypeRef> = None;
        for (i, segment) in segments.iter().enumerate() {
            match self.step(at.as_ref(), segment) {
                Ok((step, next)) => {
                    walk.steps.push(step);
                    at = next;
                }
                Err(reason) => {
                    walk.failed = Some((i, reason));
                    return walk;
                }
            }
            if at.is_none() && i + 1 < segments.len() {
                walk.failed = Some((i + 1, "nothing follows an action without an answer".into()));
                return walk;
            }
        }
        walk.end = at;
        walk
    }

    fn step<'a>(
        &'a self,
        at: Option<&MetaTypeRef>,
        segment: &Segment,
    ) -> Result<(PathStep<'a>, Option<MetaTypeRef>), String> {
        let Some(at) = at else {
            return self.first_step(segment);
        };
        match segment {
            Segment::Param { .. } | Segment::KeyValue { .. } if at.collection => {
                Ok((PathStep::Item, Some(item(at))))
            }
            Segment::Param { .. } | Segment::KeyValue { .. } => Err(format!(
                "`{}` is one item, not a collection with keys",
                at.name
            )),
            Segment::Address { base, .. } => {
                let (_, next) = self.step(Some(at), base)?;
                let next = next.ok_or("an address needs an item to start from")?;
                Ok((PathStep::Item, Some(item(&next))))
            }
            Segment::Static(name) => self.named_step(at, name),
            Segment::Function { name, .. } => self
                .bound_operation(at, name)
                .map(|op| (PathStep::Operation(op), op.returns.clone()))
                .ok_or_else(|| format!("no function `{name}` is bound to `{at}`")),
            Segment::Other(text) => Err(format!("`{text}` is no OData segment")),
        }
    }

    fn first_step(&self, segment: &Segment) -> Result<(PathStep<'_>, Option<MetaTypeRef>), String> {
        let name = match segment {
            Segment::Static(name) | Segment::Function { name, .. } => name,
            _ => return Err("a path starts with an entity set or a singleton".into()),
        };
        if let Some(root) = self
            .roots
            .iter()
            .find(|r| r.name.eq_ignore_ascii_case(name))
        {
            let ty = MetaTypeRef {
                name: root.ty.clone(),
                collection: root.collection,
            };
            return Ok((PathStep::Root(root), Some(ty)));
        }
        let bare = name.rsplit('.').next().unwrap_or(name);
        self.operations
            .iter()
            .find(|o| o.bound_to.is_none() && o.name.name.eq_ignore_ascii_case(bare))
            .map(|op| (PathStep::Operation(op), op.returns.clone()))
            .ok_or_else(|| format!("no entity set or singleton is named `{name}`"))
    }

    fn named_step<'a>(
        &'a self,
        at: &MetaTypeRef,
        name: &str,
    ) -> Result<(PathStep<'a>, Option<MetaTypeRef>), String> {
        match name {
            "$count" => return Ok((PathStep::System, Some(edm("Int32")))),
            "$value" => return Ok((PathStep::System, Some(edm("Stream")))),
            "$ref" => return Ok((PathStep::System, Some(at.clone()))),
            _ => {}
        }
        if let Some((namespace, type_name)) = name.rsplit_once('.') {
            if let Some(cast) = self.find_type(Some(namespace), type_name) {
                let ty = MetaTypeRef {
                    name: cast.name.clone(),
                    collection: at.collection,
                };
                return Ok((PathStep::Cast(cast), Some(ty)));
            }
        }
        if !at.collection {
            let property = self
                .type_named(&at.name)
                .and_then(|t| self.declared_property(t, name));
            if let Some((owner, p)) = property {
                return Ok((PathStep::Property(owner, p), Some(p.ty.clone())));
            }
        }
        if let Some(op) = self.bound_operation(at, name) {
            return Ok((PathStep::Operation(op), op.returns.clone()));
        }
        // Graph takes keys as segments, and pages write well-known ones as literals
        // (`mailFolders/inbox`, `sites/root`); only entities have keys.
        let keyed = self
            .type_named(&at.name)
            .is_some_and(|t| t.kind == super::MetaTypeKind::Entity);
        if at.collection && keyed && !name.starts_with('$') {
            return Ok((PathStep::Item, Some(item(at))));
        }
        Err(format!(
            "`{at}` has no property, relationship, action or function `{name}`"
        ))
    }

    /// The action or function of that name (namespace optional) bound to `at` or to a type it
    /// derives from, with the same collection-ness.
    pub fn bound_operation(&self, at: &MetaTypeRef, name: &str) -> Option<&MetaOperation> {
        let bare = name.rsplit('.').next().unwrap_or(name);
        let lineage: Vec<QualifiedName> = match self.type_named(&at.name) {
            Some(t) => self.lineage(t).iter().map(|l| l.name.clone()).collect(),
            None => vec![at.name.clone()],
        };
        let start = self
            .operations
            .partition_point(|o| o.name.name.to_ascii_lowercase() < bare.to_ascii_lowercase());
        self.operations[start..]
            .iter()
            .take_while(|o| o.name.name.eq_ignore_ascii_case(bare))
            .filter_map(|o| {
                let binding = o.bound_to.as_ref()?;
                let depth = lineage.iter().position(|l| *l == binding.name)?;
                (binding.collection == at.collection).then_some((depth, o))
            })
            .min_by_key(|(depth, _)| *depth)
            .map(|(_, o)| o)
    }
}

fn item(at: &MetaTypeRef) -> MetaTypeRef {
    MetaTypeRef {
        name: at.name.clone(),
        collection: false,
    }
}

fn edm(name: &str) -> MetaTypeRef {
    MetaTypeRef {
        name: QualifiedName {
            namespace: "Edm".into(),
            name: name.into(),
        },
        collection: false,
    }
}
