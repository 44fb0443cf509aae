//! Permissions tables become data: kinds read from their words, per-resource tables told apart,
//! rows without a kind reported, and `graphgen permissions` choosing the least-privileged set.

mod common;

use graphgen::diagnostics::Code;
use graphgen::ir::PermissionKind;

fn api_page(name: &str, request: &str, permissions: &str) -> graphgen::load::SourceFile {
    let text = format!(
        "# {name}\n\nDoes {name}.\n\n## Permissions\n\n{permissions}\n\n## HTTP request\n\n```http\n{request}\n```\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n"
    );
    common::page(&format!("api/{name}.md"), &text)
}

const RESOURCE: &str = "# gadget resource type\n\nA gadget.\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|Identifier.|\n";

fn pages() -> Vec<graphgen::load::SourceFile> {
    vec![
        common::page("resources/gadget.md", RESOURCE),
        api_page(
            "gadget-get",
            "GET /gadgets/{id}",
            "|Permission type|Permissions (from least to most privileged)|\n|:--|:--|\n|Delegated (work or school account)|Gadget.Read.All, Gadget.ReadWrite.All|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|Gadget.Read.All, Gadget.ReadWrite.All|",
        ),
        api_page(
            "gadget-delete",
            "DELETE /gadgets/{id}",
            "|Permission type|Least privileged permissions|Higher privileged permissions|\n|:--|:--|:--|\n|Delegated (work or school account)|Gadget.ReadWrite.All|Directory.ReadWrite.All|\n|Delegated (personal Microsoft account)|Not supported.|Not supported.|\n|Application permission|Gadget.ReadWrite.All|Directory.ReadWrite.All|",
        ),
        api_page(
            "gadget-attachment-get",
            "GET /gadgets/{id}/parts/{id}",
            "| Supported resource | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |\n|:--|:--|:--|:--|\n| gadget | Gadget.Read.All | Not supported | Gadget.Read.All |",
        ),
        api_page(
            "gadget-ping",
            "POST /gadgets/{id}/ping",
            "|Permission type|Permissions|\n|:--|:--|\n|Delegated (work or school account)|Gadget.Ping|\n|gadget|Gadget.ReadWrite.All|",
        ),
    ]
}

#[test]
fn kinds_resources_and_unknown_rows_are_read() {
    let g = graphgen::generate(&pages(), "v1.0", Vec::new());
    let op = |file: &str| {
        g.schema
            .operations
            .iter()
            .find(|o| o.source.file == file)
            .unwrap_or_else(|| panic!("no operation from {file}"))
    };
    let get = op("api/gadget-get.md");
    assert_eq!(
        get.permissions_of(PermissionKind::DelegatedWork),
        ["Gadget.Read.All", "Gadget.ReadWrite.All"]
    );
    assert!(get
        .permissions_of(PermissionKind::DelegatedPersonal)
        .is_empty());
    // Least and higher privileged columns read in that order; `Application permission` is a kind.
    let delete = op("api/gadget-delete.md");
    assert_eq!(
        delete.permissions_of(PermissionKind::Application),
        ["Gadget.ReadWrite.All", "Directory.ReadWrite.All"]
    );
    // One row per resource, one column per kind: kept with the resource, not as the operation's.
    let part = op("api/gadget-attachment-get.md");
    assert!(part.permissions_of(PermissionKind::Application).is_empty());
    let rows: Vec<_> = part
        .permissions
        .iter()
        .map(|p| (p.kind, p.resource.as_deref(), p.permissions.clone()))
        .collect();
    assert_eq!(
        rows,
        [
            (
                PermissionKind::DelegatedWork,
                Some("gadget"),
                vec!["Gadget.Read.All".to_owned()]
            ),
            (PermissionKind::DelegatedPersonal, Some("gadget"), vec![]),
            (
                PermissionKind::Application,
                Some("gadget"),
                vec!["Gadget.Read.All".to_owned()]
            ),
        ]
    );
    // A row that names no kind stays in the schema and is reported where it is.
    let ping = op("api/gadget-ping.md");
    assert_eq!(ping.permissions[1].kind, PermissionKind::Other);
    let finding = g
        .diagnostics
        .iter()
        .find(|d| d.code == Code::PermissionKindUnknown)
        .expect("an unknown kind is reported");
    assert_eq!(finding.file, "api/gadget-ping.md");
    assert!(finding.message.contains("`gadget`"), "{}", finding.message);
}

#[test]
fn the_plan_takes_a_stronger_permission_only_where_needed() {
    let g = graphgen::generate(&pages(), "v1.0", Vec::new());
    let plans = graphgen::permissions::plan(&g.schema);
    let work = &plans[0];
    assert_eq!(work.kind, PermissionKind::DelegatedWork);
    // Delete needs ReadWrite, which also reads; ping needs its own.
    assert_eq!(work.permissions, ["Gadget.Ping", "Gadget.ReadWrite.All"]);
    assert_eq!(work.per_resource.len(), 1, "{:?}", work.per_resource);
    assert!(work.per_resource[0].starts_with("GET /gadgets/{id}/parts/{id}"));
    let personal = &plans[1];
    assert!(personal.permissions.is_empty());
    assert_eq!(
        personal.not_supported.len(),
        4,
        "{:?}",
        personal.not_supported
    );
    let app = &plans[2];
    assert_eq!(app.permissions, ["Gadget.ReadWrite.All"]);
    assert!(app
        .not_supported
        .iter()
        .any(|o| o.starts_with("POST /gadgets/{id}/ping")));
    let text = graphgen::permissions::render(&plans, g.schema.operations.len());
    assert!(
        text.contains("Application:\n  Gadget.ReadWrite.All\n"),
        "{text}"
    );
}

#[test]
fn the_cli_prints_the_plan_for_a_selection() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_graphgen"))
        .args(["permissions", "--specs"])
        .arg(common::specs_dir())
        .args([
            "--include-path",
            "/deviceAppManagement/enterpriseCodeSigningCertificates/*#GET",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Application:\n  DeviceManagementApps.Read.All\n"),
        "{text}"
    );
    assert!(
        text.starts_with("Least-privileged permissions for 1 operations"),
        "{text}"
    );
}

/// A page whose subsections are one per method: each operation has the one that covers its
/// paths, and what allows it on every path is that table's list, not an intersection with the
/// other method's.
#[test]
fn a_subsection_for_another_method_is_not_this_operations() {
    let text = "# gadgets\n\nLists or creates gadgets.\n\n## Permissions\n\n### Permissions to list gadgets\n\n|Permission type|Permissions|\n|:--|:--|\n|Application|Gadget.Read.All|\n\n### Permissions to create gadgets\n\n|Permission type|Permissions|\n|:--|:--|\n|Application|Gadget.ReadWrite.All|\n\n## HTTP request\n\n**List gadgets**\n```http\nGET /gadgets\n```\n\n**Create a gadget**\n```http\nPOST /gadgets\n```\n";
    let pages = vec![
        common::page("resources/gadget.md", RESOURCE),
        common::page("api/gadgets.md", text),
    ];
    let g = graphgen::generate(&pages, "v1.0", Vec::new());
    let op = |method: graphgen::ir::HttpMethod| {
        g.schema
            .operations
            .iter()
            .find(|o| o.source.file == "api/gadgets.md" && o.method == method)
            .unwrap()
    };
    let list = op(graphgen::ir::HttpMethod::Get);
    assert_eq!(list.scopes(), ["to list gadgets"]);
    assert_eq!(
        list.permissions_of(PermissionKind::Application),
        ["Gadget.Read.All"]
    );
    let create = op(graphgen::ir::HttpMethod::Post);
    assert_eq!(create.scopes(), ["to create gadgets"]);
    assert_eq!(
        create.permissions_of(PermissionKind::Application),
        ["Gadget.ReadWrite.All"]
    );
}
