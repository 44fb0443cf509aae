//! The diagnostic codes: one table gives each its stable name, severity, meaning and the fix a
//! page's writer can make. The README's code table and the SARIF rules are printed from it.

use super::Severity;

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $summary:literal, $help:literal;)*) => {
        /// A diagnostic's stable code. Serialized as its kebab-case name (`not-text`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code {
            $(#[doc = $summary] $variant,)*
        }

        impl Code {
            /// Every code, in the table's order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable name tools filter on.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// How serious a finding of this code is.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// What a finding of this code means, in one line.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }

            /// What a page's writer can do about it.
            pub fn help(self) -> &'static str {
                match self { $(Code::$variant => $help,)* }
            }
        }
    };
}

codes! {
    NotText = "not-text", Error,
        "The file is not UTF-8 text; the page is skipped.",
        "Save the page as UTF-8.";
    UnreadableFile = "unreadable-file", Error,
        "The file could not be read; the page is skipped.",
        "Check the file's permissions and that it is a regular file.";
    UnterminatedFrontMatter = "unterminated-front-matter", Warning,
        "Front matter opened with `---` is never closed; it is read as body text.",
        "Close the front matter with a `---` line.";
    UnterminatedComment = "unterminated-comment", Warning,
        "An HTML comment is never closed; the rest of the page is ignored.",
        "Close the comment with `-->`.";
    UnterminatedFence = "unterminated-fence", Warning,
        "A code block is never closed; it is read to the end of the page.",
        "Close the code block with a fence like the one that opened it.";
    BadAnnotation = "bad-annotation", Warning,
        "A `<!-- { ... } -->` annotation is not readable JSON; it is ignored.",
        "Write the annotation as strict JSON: quoted names, no trailing commas.";
    AnnotationWithoutFence = "annotation-without-fence", Note,
        "An annotation is not followed by the code block it describes.",
        "Put the annotation directly above its code block, or remove it.";
    RaggedTableRow = "ragged-table-row", Note,
        "A table row has more cells than its header; the extra cells join the last column.",
        "Escape `|` inside cells as `\\|`, or give the row as many cells as the header.";
    PageNotSchema = "page-not-schema", Note,
        "The page has no HTTP request, property table or enum members; nothing is generated from it.",
        "Nothing to do for a conceptual page; otherwise add the missing section.";
    NoTypeName = "no-type-name", Warning,
        "A resource page names no type (no `@odata.type` annotation and no title); it is skipped.",
        "Give the page a title naming the type, or a resource annotation with `@odata.type`.";
    TitleTypeMismatch = "title-type-mismatch", Note,
        "The title names another type than the resource annotation; the annotation's is used.",
        "Make the title and the annotation name the same type.";
    NoPropertyTable = "no-property-table", Warning,
        "A `Properties` section has no table with Property and Type columns.",
        "Add a table headed `Property | Type | Description`.";
    EmptyPropertyName = "empty-property-name", Warning,
        "A property table row has no property name; the row is skipped.",
        "Fill in the row's first cell, or remove the row.";
    BadPropertyName = "bad-property-name", Warning,
        "A property table's first cell is not a property name; the row is skipped.",
        "Put the property's name alone in the first cell; move prose to the description.";
    MissingType = "missing-type", Warning,
        "A property has no readable type; it is kept as untyped JSON.",
        "Write the type as the reference spells it (`String`, `Int32`, `microsoft.graph.user`).";
    DuplicateProperty = "duplicate-property", Warning,
        "A property is listed twice; the first row is kept.",
        "Remove or rename the second row.";
    NoEnumName = "no-enum-name", Warning,
        "An enum page has no title; it is skipped.",
        "Give the page a title naming the enum.";
    EmptyEnumMember = "empty-enum-member", Warning,
        "An enum table row has no member name; the row is skipped.",
        "Fill in the row's member name, or remove the row.";
    DuplicateEnumMember = "duplicate-enum-member", Warning,
        "An enum member is listed twice; the first row is kept.",
        "Remove the second row.";
    EnumValueNotInteger = "enum-value-not-integer", Note,
        "An enum member's value is not an integer; the member is kept without a value.",
        "Write the value as an integer, or leave the cell empty.";
    EmptyEnum = "empty-enum", Warning,
        "An enum has no members; it is skipped.",
        "List the enum's members in a table.";
    NoHttpRequestHeading = "no-http-request-heading", Note,
        "There is no `HTTP request` heading; the request lines are taken from the first request block.",
        "Add an `## HTTP request` heading above the request lines.";
    NoHttpRequest = "no-http-request", Warning,
        "An API page has no `HTTP request` section with a code block; no operation is generated.",
        "Add an `## HTTP request` section with `METHOD /path` lines in a code block.";
    BadRequestLine = "bad-request-line", Warning,
        "A line of the HTTP request block is not `METHOD /path`; it is ignored.",
        "Keep only request lines in the block; move prose out of it.";
    PathWithoutSlash = "path-without-slash", Warning,
        "A request path does not start with `/`; it is read with one.",
        "Start the path with `/`.";
    PathTemplateCorrected = "path-template-corrected", Warning,
        "A request line's placeholders are malformed; they are read as corrected.",
        "Write each placeholder as one `{name}` inside its segment.";
    PathLiteralValue = "path-literal-value", Warning,
        "A request line writes a value where a placeholder belongs; it is read as `{id}`.",
        "Write a placeholder such as `{id}` instead of an example value.";
    MixedMethods = "mixed-methods", Note,
        "A page's request lines use several methods; each other method is a further operation.",
        "Document each method on its own page.";
    FunctionParametersPath = "function-parameters-path", Note,
        "A function takes the parameters its table lists, as well as the request line's.",
        "Write the function's parameters in the request line as well.";
    NoResponseSection = "no-response-section", Note,
        "There is no `Response` section; `200 OK` with no typed body is assumed.",
        "Add a `## Response` section naming the status and the type returned.";
    NoRequestBodySection = "no-request-body-section", Note,
        "There is no `Request body` section; the body is taken to be the resource the page creates or updates.",
        "Add a `## Request body` section.";
    UntypedRequestBody = "untyped-request-body", Warning,
        "The `Request body` names no type and has no parameter table; the body is not typed.",
        "Name the body's type, or list its parameters in a table.";
    UnreadableExample = "unreadable-example", Warning,
        "A code block marked as a request or response is not an HTTP message; it is not tested.",
        "Start the block with the request line or the status line.";
    ExampleNotStrictJson = "example-not-strict-json", Warning,
        "An example body is not strict JSON; it is read leniently.",
        "Remove comments, trailing commas and ellipses, and quote every name.";
    TypeDefinedOnSeveralPages = "type-defined-on-several-pages", Note,
        "A type is defined on several pages; the properties only a later page lists are added.",
        "Define each type on one page and link to it from the others.";
    ConflictingDefinition = "conflicting-definition", Warning,
        "Two pages give one property different types; the first is kept.",
        "Make the pages agree on the property's type.";
    UnknownBaseType = "unknown-base-type", Warning,
        "A type inherits from a type no page defines; the inherited properties are missing.",
        "Add the base type's page, or fix the `baseType` in the annotation.";
    UnknownType = "unknown-type", Warning,
        "A property's type is defined on no page; the property is kept as untyped JSON.",
        "Add the type's page, or fix the type's spelling.";
    UnknownResponseType = "unknown-response-type", Warning,
        "No name the response section gives is a type defined on a page; the response is not typed.",
        "Name the returned type in the response section, linked to its page.";
    UnknownRequestType = "unknown-request-type", Warning,
        "The request body's type is defined on no page; the body is not typed.",
        "Add the type's page, or fix the type's spelling.";
    ExampleVersionMismatch = "example-version-mismatch", Warning,
        "An example calls another API version than the page documents; it is tested as the page's version.",
        "Make the example call the page's version.";
    ExampleValueWrapper = "example-value-wrapper", Warning,
        "A response example wraps a single entity in `{\"value\": ...}`; it is tested without the wrapper.",
        "Show the entity itself, as the service sends it.";
    ExampleValueCorrected = "example-value-corrected", Warning,
        "An example value does not fit its documented type but is read as one; it is tested as corrected.",
        "Write the value as its type requires (`false`, not `\"false\"`).";
    Example204WithBody = "example-204-with-body", Warning,
        "A `204 No Content` example shows a body; the body is tested on its own.",
        "Remove the body, or document the status that carries it.";
    UnsupportedPathSegment = "unsupported-path-segment", Warning,
        "A path segment is not understood; the path is not reachable from the client.",
        "Write the segment as a name, a `{placeholder}` or a function call.";
    ExampleNotTested = "example-not-tested", Warning,
        "An example does not fit what the page documents; it is not tested, and the message says why.",
        "Make the example fit the documented types and paths.";
    ExampleBodyTestedAlone = "example-body-tested-alone", Note,
        "An example's URL is not tested, but its body is, as the operation's body.",
        "Fix the URL as the earlier finding says.";
    ExampleNotGraph = "example-not-graph", Note,
        "An example request goes to another host than Graph (a callback); it is not a Graph example.",
        "Nothing to do if the page documents a callback.";
    ExampleOtherOperation = "example-other-operation", Note,
        "An example calls another operation than its page's; it is tested as that operation.",
        "Make the example call the page's own operation.";
    ExamplePathSpelling = "example-path-spelling", Warning,
        "An example spells the path differently from the documented template; it is tested as the template.",
        "Write the example's path as the request line does.";
    ExampleEnumValueUnknown = "example-enum-value-unknown", Warning,
        "An example value is not a member of its documented enum; the SDK keeps it as an unrecognized value.",
        "Add the member to the enum's page, or fix the example.";
    ResponseTypeInferred = "response-type-inferred", Note,
        "The response names no type; the type is inferred from the operation.",
        "Name the returned type in the response section.";
    LinkCaseMismatch = "link-case-mismatch", Note,
        "A link differs in case from the page it names; it breaks on case-sensitive hosts.",
        "Spell the link as the file is named.";
    MissingLinkTarget = "missing-link-target", Warning,
        "A link names a page this reference does not have.",
        "Fix the link, or add the page.";
    JsonPropertyUndocumented = "json-property-undocumented", Warning,
        "The JSON representation shows a property the property tables do not list.",
        "Add the property to the table, or remove it from the JSON representation.";
    ProseEnumValueUnknown = "prose-enum-value-unknown", Warning,
        "A property's description names a value its enum does not have.",
        "Add the member to the enum's page, or fix the description.";
    PropertyTableHeader = "property-table-header", Warning,
        "A table's header does not say Property and Type, but its rows are names and types; it is read as a property table.",
        "Head the table `Property | Type | Description`.";
    TableNotRead = "table-not-read", Warning,
        "A table in a properties section has no name and type columns; its rows are not read as properties.",
        "Move the table out of the section, or give it Property and Type columns.";
    PermissionKindUnknown = "permission-kind-unknown", Warning,
        "A permissions row names no kind this reader knows (delegated work or school, delegated personal, application); it stays in the docs but not in the permission constants.",
        "Start the row with `Delegated (work or school account)`, `Delegated (personal Microsoft account)` or `Application`.";
    PermissionTableUnread = "permission-table-unread", Warning,
        "A table in the permissions section names no kind of permission; it is not read.",
        "Give the table a `Permission type` column whose rows name the kind (`Application`).";
    PermissionScopeUnmatched = "permission-scope-unmatched", Note,
        "A permissions subsection names no request line of the page (`For users:` on a page of one path); its rows are read as permissions per resource, not as constants.",
        "Where the subsection is for some of the request lines, name it after words of the prose above their block or a segment of their paths.";
    InheritanceTooDeep = "inheritance-too-deep", Warning,
        "A type has more than 32 base types; the chain is cut there.",
        "Check the `Inherits from` lines: no real type has more than a few base types.";
    InheritanceCycle = "inheritance-cycle", Warning,
        "Types inherit from each other in a cycle; the cycle is broken at the reported type.",
        "Fix the `baseType` of one of the types.";
    NameSpelledOut = "name-spelled-out", Note,
        "A name has characters a Rust name cannot hold; its Rust name spells them out.",
        "Nothing to do; the wire name is kept.";
    MissingInclude = "missing-include", Warning,
        "An `[!INCLUDE]` names a file that does not exist; what it holds is missing from the page.",
        "Fix the include's path, or add the file.";
    RecursiveInclude = "recursive-include", Warning,
        "A file includes itself, directly or through others; it is not included again.",
        "Break the cycle of includes.";
    IncludeLimit = "include-limit", Warning,
        "Includes nest too deep, or would add too many lines to one page; the rest are not followed.",
        "Include the file that holds the text directly, rather than through a chain of includes.";
    IncludeFolderAbsent = "include-folder-absent", Note,
        "Includes point into a folder this doc set does not have; what they hold is missing.",
        "Nothing to do for a partial doc set; otherwise add the folder.";
    ExamplePropertyUndocumented = "example-property-undocumented", Note,
        "An example gives a property the pages do not document; the SDK keeps it in `additional_properties`.",
        "Add the property to its type's page, or remove it from the example.";
    OperationChosen = "operation-chosen", Note,
        "Another page documents the same method and path; the client sends the chosen page's operation.",
        "Nothing to do if both pages are meant; otherwise merge them.";
    ExamplePathAdded = "example-path-added", Warning,
        "An example calls the operation at a path its request lines do not list; the path is offered too.",
        "Add the example's path to the request lines.";
    AnswerNotPathType = "answer-not-path-type", Warning,
        "A `GET` answers another type than the one its path addresses.",
        "Make the response name the path's type, or fix the schema's property.";
    MetadataUnreadable = "metadata-unreadable", Error,
        "The service metadata (CSDL) given with `--metadata` is not readable XML; nothing is compared with it.",
        "Give the CSDL document the service publishes as `$metadata`.";
    MetadataTypeMissing = "metadata-type-missing", Warning,
        "The metadata has a type that the pages name or derive from but no page defines.",
        "Add a resource page for the type.";
    MetadataTypesUnreferenced = "metadata-types-unreferenced", Note,
        "Types and enums of the metadata that no page defines, names or derives from (one finding with their count).",
        "Nothing, for a partial doc set; for a whole reference, each is a missing resource page.";
    MetadataTypeUnknown = "metadata-type-unknown", Warning,
        "A page defines a type that the metadata does not have.",
        "Check the type's name (and namespace) against the service, or remove the page.";
    MetadataEnumMissing = "metadata-enum-missing", Warning,
        "The metadata has an enum that the pages name but no page defines.",
        "Add the enum with its members to a resource page.";
    MetadataEnumUnknown = "metadata-enum-unknown", Warning,
        "A page defines an enum that the metadata does not have.",
        "Check the enum's name against the service.";
    MetadataPropertyMissing = "metadata-property-missing", Warning,
        "The metadata gives a documented type a property that its page's table lacks.",
        "Add a row for the property to the page's properties table.";
    MetadataPropertyUnknown = "metadata-property-unknown", Warning,
        "A page's properties table has a row that the metadata does not have on that type.",
        "Check the property's name against the service, or remove the row.";
    MetadataRelationshipMissing = "metadata-relationship-missing", Warning,
        "The metadata gives a documented type a relationship that its page's table lacks.",
        "Add a row for the relationship to the page's relationships table.";
    MetadataRelationshipUnknown = "metadata-relationship-unknown", Warning,
        "A page's relationships table has a row that the metadata does not have on that type.",
        "Check the relationship's name against the service, or remove the row.";
    MetadataPlacementDiffers = "metadata-placement-differs", Note,
        "A row is a property on the page but a relationship in the metadata, or the reverse.",
        "Move the row to the table the metadata's kind calls for.";
    MetadataMemberMissing = "metadata-member-missing", Warning,
        "The metadata gives a documented enum a member that the page does not list.",
        "Add the member to the enum's table.";
    MetadataMemberUnknown = "metadata-member-unknown", Warning,
        "A page lists an enum member that the metadata does not have.",
        "Check the member's spelling against the service, or remove it.";
    MetadataSentinelMissing = "metadata-sentinel-missing", Note,
        "The page's enum does not list the `unknownFutureValue` sentinel the metadata has; the SDK knows it anyway.",
        "List `unknownFutureValue` as the enum's last documented member.";
    MetadataTypeDiffers = "metadata-type-differs", Warning,
        "A property's type on the page is not the metadata's.",
        "Write the type the metadata gives, or report the service's schema.";
    MetadataCollectionDiffers = "metadata-collection-differs", Warning,
        "A property is a collection on the page and not in the metadata, or the reverse.",
        "Write `collection` in the type cell exactly when the metadata has `Collection(...)`.";
    MetadataNullabilityDiffers = "metadata-nullability-differs", Note,
        "The page says a property is nullable (or not) and the metadata says the opposite.",
        "Say `Nullable.` or `Not nullable.` as the metadata does.";
    MetadataBaseDiffers = "metadata-base-differs", Warning,
        "A type's base type on the page is not the metadata's.",
        "Name the metadata's base type in the page's description or annotation.";
    MetadataPathUnknown = "metadata-path-unknown", Warning,
        "A request path does not lead anywhere in the metadata's entity sets, singletons, relationships, actions and functions.",
        "Check the path against the service; a segment is misspelt or the path is not served.";
    MetadataAnswerDiffers = "metadata-answer-differs", Warning,
        "An operation answers another type than its path (or its action or function) answers in the metadata.",
        "Make the response name the metadata's type.";
    MetadataBodyDiffers = "metadata-body-differs", Warning,
        "An action's parameters (or a create's body type) are not the metadata's.",
        "Make the request body's table list the metadata's parameters.";
    MetadataFlagsEnum = "metadata-flags-enum", Warning,
        "The metadata marks an enum as flags (values combine, `a,b`); the page does not say so and the SDK reads one value.",
        "Say on the enum's page that its values combine; callers read a combined value with `runtime::split_flags`.";
    MetadataDecided = "metadata-decided", Note,
        "`generate --metadata` settled what the pages left open or contradicted, by the metadata.",
        "Make the pages agree with the metadata; the decision is then the pages' own.";
    MetadataFilled = "metadata-filled", Note,
        "`generate --metadata-fill` added an item that only the metadata documents.",
        "Document the item on its page.";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = String;
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == name)
            .ok_or_else(|| format!("unknown diagnostic code `{name}`"))
    }
}

// Ordered by name, so that sorted diagnostics keep the order they had as strings.
impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

/// The README's table of codes.
pub fn markdown_table() -> String {
    let mut table = String::from("| Code | Severity | Meaning |\n|---|---|---|\n");
    for code in Code::ALL {
        table.push_str(&format!(
            "| `{}` | {} | {} |\n",
            code.as_str(),
            code.severity(),
            code.summary().replace('|', "\\|")
        ));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_round_trip() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
        for code in Code::ALL {
            let name = code.as_str();
            assert!(name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            assert_eq!(name.parse::<Code>(), Ok(*code));
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), *code);
        }
        assert!("no-such-code".parse::<Code>().is_err());
    }

    #[test]
    fn every_code_says_what_it_means_and_what_to_do() {
        for code in Code::ALL {
            assert!(code.summary().ends_with('.'), "{code}");
            assert!(code.help().ends_with('.'), "{code}");
            assert!(!code.summary().contains('\n') && !code.help().contains('\n'));
        }
    }
}
