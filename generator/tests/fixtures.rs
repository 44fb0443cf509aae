//! Fixture doc sets written for this project (`tests/fixtures/`): types that hold themselves in
//! every way the pages can say it, and names that are not Rust identifiers. Each generates
//! without a panic, reports what it had to change, and its crate builds and passes its tests.

mod common;

use graphgen::diagnostics::Code;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    common::workspace_root()
        .join("generator/tests/fixtures")
        .join(name)
}

/// Builds the crate and runs its tests; returns how many passed.
fn build_and_test(g: &graphgen::Generation, name: &str) -> usize {
    // A crate name of its own: crates built in parallel share one target folder.
    let files = graphgen::format::crate_files(
        &g.emitted,
        name,
        graphgen::CLI_HEADER,
        graphgen::local_runtime().as_deref(),
    )
    .unwrap();
    let out = common::write_generated_crate(&files, &format!("standalone-check/{name}"));
    let stdout = common::cargo_in(&out, &["test", "--lib"]);
    let result = common::unit_test_result(&stdout);
    assert!(result.starts_with("test result: ok."), "{stdout}");
    stdout
        .lines()
        .filter(|l| l.starts_with("test example_tests::") && l.ends_with(" ok"))
        .count()
}

/// Writes the crate `name` with `program` as its example `calls`, runs it and returns the crate's
/// folder and what the program printed.
fn run_program(
    files: &std::collections::BTreeMap<String, String>,
    name: &str,
    program: &str,
) -> (PathBuf, String) {
    let out = common::write_generated_crate(files, &format!("standalone-check/{name}"));
    std::fs::create_dir_all(out.join("examples")).unwrap();
    std::fs::write(out.join("examples/calls.rs"), program).unwrap();
    let ran = common::cargo_in(&out, &["run", "--example", "calls"]);
    (out, ran)
}

/// Where the findings of `code` are: (file, line).
fn findings(g: &graphgen::Generation, code: Code) -> Vec<(&str, usize)> {
    g.diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| (d.file.as_str(), d.line))
        .collect()
}

fn boxed_fields(g: &graphgen::Generation) -> Vec<String> {
    g.schema
        .types
        .iter()
        .flat_map(|t| {
            t.properties
                .iter()
                .chain(&t.navigation_properties)
                .filter(|p| p.boxed)
                .map(move |p| format!("{}.{}", t.name, p.name))
        })
        .collect()
}

#[test]
fn self_mutual_inherited_and_polymorphic_cycles_compile_and_round_trip() {
    let g = common::generate_dir(&fixture("cycles"));
    // Self (`sourceColumn`), mutual (`drive.owner` / `person.drive`: one box breaks both) and
    // through inheritance (a folder is an item, so it holds its own `parentFolder`). The
    // polymorphic `shape.next` is an `AnyShape`, boxed already; collections need no box.
    assert_eq!(
        boxed_fields(&g),
        [
            "columnDefinition.sourceColumn",
            "drive.owner",
            "item.parentFolder"
        ]
    );
    let cycle: Vec<_> = g
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::InheritanceCycle)
        .map(|d| (d.file.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        cycle,
        [(
            "resources/alpha.md",
            "inheritance cycle alpha -> beta -> alpha; `alpha` is read as inheriting from nothing"
        )]
    );
    // Relationships are documented as such: `columnDefinition.children`, `drive.owner`,
    // `person.drive`.
    let files = graphgen::format::crate_files(
        &g.emitted,
        "x",
        graphgen::CLI_HEADER,
        graphgen::local_runtime().as_deref(),
    )
    .unwrap();
    let relationship =
        "/// A relationship: the service returns it with `$expand` or from its own URL.";
    assert_eq!(
        common::module_text(&files, "models")
            .matches(relationship)
            .count(),
        3
    );
    let t = g.totals();
    assert_eq!((t.example_body_tests, t.example_bodies), (4, 4), "{t:?}");
    // Four responses of nested, recursive values, and their four requests.
    assert_eq!(build_and_test(&g, "fixture-cycles"), g.emitted.counts.tests);
    assert!(g.emitted.counts.tests >= 8);
}

#[test]
fn names_that_are_not_identifiers_are_spelled_out_and_reported() {
    let g = common::generate_dir(&fixture("hostile-names"));
    let spelled = findings(&g, Code::NameSpelledOut);
    assert_eq!(
        spelled,
        [
            ("resources/measurement.md", 1),
            ("resources/measurement.md", 12),
            ("resources/measurement.md", 13),
            ("resources/measurement.md", 14),
            ("resources/unitkind.md", 10),
            ("resources/unitkind.md", 11),
            ("resources/user.md", 1),
            ("resources/user.md", 12),
        ]
    );
    let files = graphgen::format::crate_files(
        &g.emitted,
        "graph-typed",
        graphgen::CLI_HEADER,
        graphgen::local_runtime().as_deref(),
    )
    .unwrap();
    let models = &common::module_text(&files, "models");
    for field in [
        "pub m_u00b2:",
        "pub u00bd:",
        "pub u0416:",
        "pub type_:",
        "pub self_:",
        "pub async_:",
        "pub display_name:",
        "pub display_name_2:",
        "pub display_name_3:",
    ] {
        assert!(models.contains(field), "no `{field}` in the model");
    }
    for variant in [
        "MU00b2,",
        "U00bd,",
        "SelfValue,",
        "None,",
        "None2,",
        "AB,",
        "AB2,",
        "Value2g,",
    ] {
        assert!(models.contains(variant), "no variant `{variant}`");
    }
    assert!(models.contains("pub struct MU00b2 {"));
    // The get returns the type named `m²`: its field enum names every property, each once,
    // and `$select` sends the wire names (the crate is built and tested below).
    let fields = models
        .split("pub enum MU00b2Field {")
        .nth(1)
        .expect("no field enum for the type the get returns");
    let fields = &fields[..fields.find('}').unwrap()];
    for variant in [
        "MU00b2 = ",
        "SelfValue = ",
        "DisplayName = ",
        "DisplayName2 = ",
        "DisplayName3 = ",
    ] {
        assert!(fields.contains(variant), "no field `{variant}`");
    }
    let wires = models
        .split("impl crate::runtime::Field for MU00b2Field")
        .nth(1)
        .unwrap();
    let mut wires: Vec<&str> = wires[..wires.find("];").unwrap()]
        .split('"')
        .skip(1)
        .step_by(2)
        .collect();
    // The table is in the order of the variants' discriminants (hashes of the names).
    wires.sort_unstable();
    let mut expected = [
        "id",
        "m²",
        "½",
        "Ж",
        "type",
        "self",
        "async",
        "displayName",
        "display_name",
        "DisplayName",
        "unit",
    ];
    expected.sort_unstable();
    assert_eq!(wires, expected);
    // The example gives every one of these names; each lands in its field (the strict check).
    assert_eq!(g.totals().example_body_tests, 1);
    assert_eq!(build_and_test(&g, "fixture-names"), g.emitted.counts.tests);
}

/// The strict check end to end: a property the page documents but the schema lost (as a
/// relationship table nobody read was lost before) makes the example tests that give it fail.
#[test]
fn a_documented_property_the_schema_lost_fails_the_example_tests() {
    let mut g = common::generate_dir(&common::specs_dir());
    let certificate = g
        .schema
        .types
        .iter_mut()
        .find(|t| t.name == "enterpriseCodeSigningCertificate")
        .unwrap();
    certificate.properties.retain(|p| p.name != "subject");
    assert!(certificate.documented.iter().any(|n| n == "subject"));
    let emitted = graphgen::emit::emit(
        &g.schema,
        &graphgen::format::format_item,
        graphgen::emit::Options::default(),
    );
    let files = graphgen::format::crate_files(
        &emitted,
        "fixture-lost",
        graphgen::CLI_HEADER,
        graphgen::local_runtime().as_deref(),
    )
    .unwrap();
    let out = common::write_generated_crate(&files, "standalone-check/fixture-lost");
    let output = common::cargo_output(&out, &["test", "--lib", "example_tests"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        !output.status.success(),
        "the example tests passed:\n{stdout}"
    );
    let failed: Vec<_> = stdout
        .lines()
        .filter(|l| l.starts_with("test example_tests::") && l.ends_with("FAILED"))
        .collect();
    // Every example that gives `subject` (list, get, create request and response, update
    // request and response) fails; delete has no body and passes.
    assert_eq!(failed.len(), 6, "{failed:#?}");
    assert!(
        stdout.contains("documented properties were not read into their fields: `subject` of"),
        "{stdout}"
    );
}

/// A client's URL surface from a small doc set: the canonical operation of a path contested by
/// two pages, kinds from what operations answer, nodes that address one entity type sharing
/// their operations, and segments spelt as the schema spells them.
#[test]
fn url_surface_one_canonical_operation_and_operations_shared_by_type() {
    use graphgen::ir::{ChoiceRule, Role};
    let g = common::generate_dir(&fixture("url-surface"));
    let schema = &g.schema;
    let title = |i: usize| schema.operations[i].title.as_str();
    // `GET /users` is documented by "List users" and by "List manager" (`/users?$expand=manager`):
    // the page whose answer is the path's type is canonical, the other keeps its own method.
    let users = schema
        .api
        .choices
        .iter()
        .find(|c| c.path == "/users")
        .expect("a choice on /users");
    assert_eq!(title(users.canonical), "List users");
    assert_eq!(users.rule, ChoiceRule::PathType);
    let manager_page = g
        .diagnostics
        .iter()
        .find(|d| d.code == Code::OperationChosen && d.file == "api/user-list-manager.md")
        .expect("the choice is reported at the other page");
    assert!(
        manager_page.message.contains("api/user-list.md"),
        "{}",
        manager_page.message
    );
    // `/me` and `/users/{id}` are one node; so are `root`, `items/{id}`, `root:/{path}:` and
    // `special/{name}`.
    let shared: Vec<(&str, usize)> = schema
        .api
        .nodes
        .iter()
        .filter(|n| n.shared)
        .map(|n| {
            (
                n.addresses.as_ref().unwrap().ty.as_str(),
                n.documented_paths,
            )
        })
        .collect();
    assert!(shared.contains(&("user", 2)), "{shared:?}");
    assert!(
        shared.iter().any(|&(t, n)| t == "driveItem" && n >= 4),
        "{shared:?}"
    );
    let me = schema.api.nodes.iter().find(|n| n.path == "/me").unwrap();
    assert!(me
        .operations
        .iter()
        .any(|n| n.role == Role::Canonical && title(n.operation) == "Get user"));
    // The search example calls the drive, where the request line names its root: the page's
    // operation is offered there too, with a warning.
    assert!(g
        .diagnostics
        .iter()
        .any(|d| d.code == Code::ExamplePathAdded
            && d.file == "api/driveitem-search.md"
            && d.message.contains("/me/drive/search(q='notes')")));
    // Every request example is tested, `/me/drive/root/children` included.
    let untested: Vec<_> = g
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ExampleNotTested)
        .collect();
    assert!(untested.is_empty(), "{untested:#?}");

    let files = graphgen::format::crate_files(
        &g.emitted,
        "url-surface",
        graphgen::CLI_HEADER,
        graphgen::local_runtime().as_deref(),
    )
    .unwrap();
    let (out, ran) = run_program(&files, "url-surface", URL_SURFACE_CALLS);
    assert!(ran.contains("10 calls checked"), "{ran}");
    let stdout = common::cargo_in(&out, &["test", "--lib"]);
    assert!(common::unit_test_result(&stdout).starts_with("test result: ok."));
}

/// Calls on the fixture's client, with the types a user writes down.
const URL_SURFACE_CALLS: &str = r#"
use url_surface::{models, Client, Page};

fn check<E: url_surface::runtime::Endpoint>(request: url_surface::runtime::Request<E>, path: &str) -> usize {
    let request = request.to_http_request().unwrap();
    assert_eq!((request.method().as_str(), request.uri().path()), ("GET", format!("/v1.0{path}").as_str()));
    1
}

#[allow(dead_code)]
async fn types(client: &Client) -> Result<(), url_surface::Error> {
    let _: Page<models::User> = client.users().list().send().await?;
    let _: models::User = client.me().get().send().await?;
    let _: models::AnyDirectoryObject = client.me().manager().get().send().await?;
    let _: models::AnyDirectoryObject = client.users().by_id("u").manager().get().send().await?;
    let _: Page<models::DriveItem> = client.me().drive().root().children().list().send().await?;
    let _: models::DriveItem = client.drives().by_id("d").root().get().send().await?;
    let _: Page<models::DirectoryAudit> = client.audit_logs().directory_audits().list().send().await?;
    let _: Page<models::DirectoryAudit> = client.audit_logs().sign_ins().list().send().await?;
    Ok(())
}

fn main() {
    let client = Client::new("token").unwrap();
    let checked = check(client.users().list(), "/users")
        + check(client.users().list_manager(), "/users")
        + check(client.me().get(), "/me")
        + check(client.me().manager().get(), "/me/manager")
        + check(client.me().drive().root().children().list(), "/me/drive/root/children")
        + check(client.drives().by_id("d").items().by_id("i").children().list(), "/drives/d/items/i/children")
        + check(client.me().drive().special().by_id("documents").get(), "/me/drive/special/documents")
        + check(client.me().drive().root_path("a/b.txt").get(), "/me/drive/root:/a/b.txt")
        + check(client.audit_logs().directory_audits().list(), "/auditLogs/directoryAudits")
        + check(client.me().drive().search("notes").list(), "/me/drive/search(q='notes')");
    println!("{checked} calls checked");
}
"#;

/// `### Permissions for channel` and `### Permissions for chat` hold for their own request
/// lines; scenario rows (`Policy Set`) belong to the kind row above them; a table in the section
/// that is no permissions table, and a subsection that names no request line, are reported.
#[test]
fn permission_subsections_and_scenario_rows() {
    use graphgen::ir::PermissionKind::{Application, DelegatedWork};
    let g = common::generate_dir(&fixture("permission-tables"));
    let op = |file: &str| {
        g.schema
            .operations
            .iter()
            .find(|o| o.source.file == file)
            .unwrap()
    };
    let get = op("api/gadget-get.md");
    assert_eq!(get.scopes(), ["channel", "chat"]);
    let channel = "/teams/{team-id}/channels/{channel-id}/gadgets/{gadget-id}";
    assert_eq!(
        get.permissions_on(DelegatedWork, channel),
        ["ChannelGadget.Read.All", "Group.ReadWrite.All"]
    );
    for chat in [
        "/chats/{chat-id}/gadgets/{gadget-id}",
        "/me/chats/{chat-id}/gadgets/{gadget-id}",
    ] {
        assert_eq!(get.permissions_on(Application, chat), ["Chat.Read.All"]);
    }
    // What allows the call on every path: only what both tables list.
    assert_eq!(get.permissions_of(DelegatedWork), ["Group.ReadWrite.All"]);
    assert!(get.permissions_of(Application).is_empty());

    let assign = op("api/gadget-assign.md");
    let scenarios: Vec<(graphgen::ir::PermissionKind, &str, Vec<&str>)> = assign
        .permissions
        .iter()
        .filter_map(|p| {
            let names = p.permissions.iter().map(String::as_str).collect();
            Some((p.kind, p.scenario.as_deref()?, names))
        })
        .collect();
    assert_eq!(
        scenarios,
        [
            (
                DelegatedWork,
                "Mobile app management (MAM)",
                vec!["Gadgets.ReadWrite.All"]
            ),
            (
                DelegatedWork,
                "Policy Set",
                vec!["GadgetPolicies.ReadWrite.All", "Gadgets.ReadWrite.All"]
            ),
            (
                Application,
                "Policy Set",
                vec!["GadgetPolicies.ReadWrite.All"]
            ),
        ]
    );
    assert_eq!(
        assign.permissions_of(DelegatedWork),
        ["Gadgets.ReadWrite.All", "GadgetPolicies.ReadWrite.All"]
    );

    assert!(
        findings(&g, Code::PermissionKindUnknown).is_empty(),
        "{:#?}",
        g.diagnostics
    );
    assert_eq!(
        findings(&g, Code::PermissionTableUnread),
        [("api/gadget-get.md", 29)]
    );
    assert_eq!(
        findings(&g, Code::PermissionScopeUnmatched),
        [("api/gadget-list.md", 16)]
    );
    // ... whose rows are then stated per resource, as subscription pages state theirs.
    let list = op("api/gadget-list.md");
    assert_eq!(list.permissions[0].resource.as_deref(), Some("cupboard"));
    assert!(list.scopes().is_empty());

    // The plan covers each path of the scoped operation with that path's own table.
    let plans = graphgen::permissions::plan(&g.schema);
    assert_eq!(
        plans[2].permissions,
        [
            "ChannelGadget.Read.All",
            "Chat.Read.All",
            "GadgetPolicies.ReadWrite.All"
        ]
    );

    let files = graphgen::format::crate_files(
        &g.emitted,
        "permission-tables",
        graphgen::CLI_HEADER,
        graphgen::local_runtime().as_deref(),
    )
    .unwrap();
    let api = common::module_text(&files, "api");
    assert!(
        api.contains("Delegated (work or school account), for chat: Chat.Read"),
        "{api}"
    );
    assert!(
        api.contains("Application (Policy Set): GadgetPolicies.ReadWrite.All"),
        "{api}"
    );
    let (_, ran) = run_program(&files, "permission-tables", PERMISSION_CALLS);
    assert!(ran.contains("permissions checked"), "{ran}");
}

const PERMISSION_CALLS: &str = r#"
use permission_tables::runtime::{least_privileged, least_privileged_in, PermissionKind};
use permission_tables::Client;

fn main() {
    let client = Client::new("token").unwrap();
    let in_chat = client.chats().by_id("c").gadgets().by_id("g").get();
    let in_channel = client.teams().by_id("t").channels().by_id("c").gadgets().by_id("g").get();
    assert_eq!(in_chat.permissions().application, ["Chat.Read.All"]);
    assert_eq!(in_channel.permissions().application, ["ChannelGadget.Read.All", "Group.ReadWrite.All"]);
    let both = least_privileged(
        PermissionKind::DelegatedWork,
        &[in_chat.permissions(), in_channel.permissions()],
    );
    // Each path's least-privileged member, not the one permission both tables list.
    assert_eq!(both.permissions, ["ChannelGadget.Read.All", "Chat.Read"]);
    let assign = client.gadgets().by_id("g").assign().post();
    let policy = least_privileged_in(PermissionKind::Application, "Policy Set", &[assign.permissions()]);
    assert_eq!(policy.permissions, ["GadgetPolicies.ReadWrite.All"]);
    println!("permissions checked");
}
"#;

/// An example on one page that calls a path another page documents with the same request is
/// tested as the operation the builder method sends (its body type, not the page's own), so the
/// emitted tests compile by construction; a `Single` the page writes with 17 digits round-trips
/// at `f32` precision.
#[test]
fn examples_use_the_types_of_the_operation_they_reach() {
    let g = common::generate_dir(&fixture("example-routing"));
    assert_eq!(
        findings(&g, Code::ExampleOtherOperation),
        [("api/widget-checkgroups.md", 24)]
    );
    let files = graphgen::format::crate_files(
        &g.emitted,
        "example-routing",
        graphgen::CLI_HEADER,
        graphgen::local_runtime().as_deref(),
    )
    .unwrap();
    let tests = common::module_text(&files, "example_tests");
    assert!(
        tests.contains("let body: crate::api::UserCheckGroupsBody"),
        "{tests}"
    );
    assert!(
        tests.contains("assert_round_trip_as(&parsed, BODY, &[\"$.radiusInMeters\"])"),
        "{tests}"
    );
    assert_eq!(build_and_test(&g, "example-routing"), 4);
}
