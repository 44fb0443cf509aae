//! The CSDL reader and the path walk on a small document.

use super::*;
use crate::ir::Segment;

const CSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="entity" Abstract="true">
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="user" BaseType="graph.entity" OpenType="true">
        <NavigationProperty Name="joinedTeams" Type="Collection(graph.team)" ContainsTarget="true" />
        <NavigationProperty Name="mailFolders" Type="Collection(graph.mailFolder)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="team" BaseType="graph.entity" />
      <EntityType Name="mailFolder" BaseType="graph.entity" />
      <Function Name="delta" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.user)" />
        <ReturnType Type="Collection(graph.user)" />
      </Function>
      <EntityContainer Name="GraphService">
        <EntitySet Name="users" EntityType="microsoft.graph.user" />
        <Singleton Name="me" Type="microsoft.graph.user" />
      </EntityContainer>
    </Schema>
    <Schema Namespace="microsoft.graph.callRecords" Alias="cr" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="callRecord" BaseType="graph.entity">
        <Property Name="type" Type="cr.callType" />
      </EntityType>
      <EnumType Name="callType" IsFlags="true">
        <Member Name="groupCall" Value="1" />
      </EnumType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

fn segments(path: &str) -> Vec<Segment> {
    path.trim_start_matches('/')
        .split('/')
        .map(|s| match s.strip_prefix('{') {
            Some(name) => Segment::Param {
                name: name.trim_end_matches('}').to_owned(),
                alternatives: Vec::new(),
            },
            None => Segment::Static(s.to_owned()),
        })
        .collect()
}

#[test]
fn aliases_namespaces_collections_and_lines_are_read() {
    let (m, diagnostics) = read("m.csdl", CSDL);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let user = m.find_type(None, "User").unwrap();
    assert_eq!(
        user.base.as_ref().unwrap().to_string(),
        "microsoft.graph.entity"
    );
    assert!(user.is_open);
    assert_eq!(user.line, 8);
    let teams = m.property(user, "joinedteams").unwrap();
    assert_eq!(teams.ty.to_string(), "Collection(microsoft.graph.team)");
    assert!(teams.contains_target);
    // Inherited, and not nullable.
    assert!(!m.property(user, "id").unwrap().nullable);
    let call = m
        .find_type(Some("microsoft.graph.callRecords"), "callRecord")
        .unwrap();
    assert_eq!(
        call.properties[0].ty.name.namespace,
        "microsoft.graph.callRecords"
    );
    let kind = m.find_enum(None, "callType").unwrap();
    assert!(kind.is_flags);
    assert_eq!(kind.members[0].value, Some(1));
    assert_eq!(m.roots.len(), 2);
}

#[test]
fn paths_walk_through_roots_keys_relationships_and_bound_functions() {
    let (m, _) = read("m.csdl", CSDL);
    let end = |path: &str| m.walk(&segments(path)).end.map(|e| e.to_string());
    assert_eq!(
        end("/me/joinedTeams").as_deref(),
        Some("Collection(microsoft.graph.team)")
    );
    assert_eq!(
        end("/users/{id}/joinedTeams/{id}").as_deref(),
        Some("microsoft.graph.team")
    );
    // A well-known key written as a literal.
    assert_eq!(
        end("/me/mailFolders/inbox").as_deref(),
        Some("microsoft.graph.mailFolder")
    );
    assert_eq!(
        end("/users/delta").as_deref(),
        Some("Collection(microsoft.graph.user)")
    );
    assert_eq!(
        end("/users/microsoft.graph.delta").as_deref(),
        Some("Collection(microsoft.graph.user)")
    );
    assert_eq!(end("/me/joinedTeams/$count").as_deref(), Some("Edm.Int32"));
    let walk = m.walk(&segments("/me/joinedGroups"));
    assert_eq!(walk.failed.as_ref().map(|f| f.0), Some(1));
    assert_eq!(walk.last_property().map(|(_, p)| p.name.as_str()), None);
    let walk = m.walk(&segments("/me/joinedTeams/{id}"));
    assert_eq!(
        walk.last_property().map(|(_, p)| p.name.as_str()),
        Some("joinedTeams")
    );
    assert!(m.walk(&segments("/nowhere")).failed.is_some());
    assert!(m.walk(&[]).end.is_none());
}

#[test]
fn anything_that_is_not_csdl_reads_as_nothing_without_a_panic() {
    for text in [
        "",
        "not xml",
        "<a><b></a>",
        "<!DOCTYPE x [<!ENTITY a 'b'>]><a/>",
        "\u{feff}<a/>",
    ] {
        let (m, diagnostics) = read("x.csdl", text);
        assert!(m.types.is_empty());
        assert_eq!(diagnostics.len(), 1, "{text:?}: {diagnostics:?}");
        assert_eq!(
            diagnostics[0].code,
            crate::diagnostics::Code::MetadataUnreadable
        );
    }
}
