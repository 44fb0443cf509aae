//! The Graph calls people make most, written as a user writes them, against the SDK generated
//! from the whole v1.0 reference. `generator/tests/whole_reference.rs` copies this file into
//! that crate's `examples/` and runs it: every request is built offline and checked against the
//! method and path the service expects; `send_them` states the types the calls answer with
//! (compiled, not run: it would need a tenant).

use graph_typed::runtime::Reference;
use graph_typed::{api, models, Client, Error, Nullable, Page, With};

fn main() -> Result<(), Error> {
    let client = Client::new("token")?;
    let (user, group, member) = ("user id", "group id", "member id");
    let (item, drive, site, list) = ("item id", "drive id", "site id", "list id");
    let (team, channel) = ("team id", "channel id");

    // Users and groups
    check(client.users().list(), "GET", "/users");
    check(client.users().by_id(user).get(), "GET", "/users/user%20id");
    check(client.me().get(), "GET", "/me");
    check(client.users().create(&new_user()), "POST", "/users");
    check(client.users().by_id(user).update(&job_title()), "PATCH", "/users/user%20id");
    check(client.users().by_id(user).delete(), "DELETE", "/users/user%20id");
    check(client.me().manager().get(), "GET", "/me/manager");
    check(client.me().member_of().list(), "GET", "/me/memberOf");
    check(client.users().delta().list(), "GET", "/users/delta");
    check(client.groups().list(), "GET", "/groups");
    check(client.groups().by_id(group).members().list(), "GET", "/groups/group%20id/members");
    let users_only = client.groups().by_id(group).members().cast::<models::User>();
    check(users_only.list(), "GET", "/groups/group%20id/members/microsoft.graph.user");
    let reference = Reference::new("https://graph.microsoft.com/v1.0/directoryObjects/member");
    let members = client.groups().by_id(group).members();
    check(members.ref_().create(&reference), "POST", "/groups/group%20id/members/$ref");
    let membership = members.by_id(member).ref_();
    check(membership.delete(), "DELETE", "/groups/group%20id/members/member%20id/$ref");

    // Mail
    check(client.me().messages().list(), "GET", "/me/messages");
    check(client.me().messages().by_id("m").get(), "GET", "/me/messages/m");
    check(client.me().mail_folders().list(), "GET", "/me/mailFolders");
    let inbox = client.me().mail_folders().by_id("inbox");
    check(inbox.messages().list(), "GET", "/me/mailFolders/inbox/messages");
    check(client.me().send_mail().post(&mail()), "POST", "/me/sendMail");

    // Calendar
    check(client.me().events().list(), "GET", "/me/events");
    let calendar = client.me().calendar();
    check(calendar.events().create(&models::Event::default()), "POST", "/me/calendar/events");
    check(client.me().calendar_view().list(), "GET", "/me/calendarView");

    // Files: the root, an item by id and an item by path are one driveItem
    check(client.me().drive().get(), "GET", "/me/drive");
    let root = client.me().drive().root();
    check(root.children().list(), "GET", "/me/drive/root/children");
    check(client.drives().by_id(drive).root().get(), "GET", "/drives/drive%20id/root");
    let file = client.me().drive().items().by_id(item);
    check(file.content().get(), "GET", "/me/drive/items/item%20id/content");
    let by_path = client.me().drive().root_path("Documents/notes.txt");
    let upload = by_path.content().update(b"hello".to_vec(), "text/plain");
    check(upload, "PUT", "/me/drive/root:/Documents/notes.txt:/content");
    check(root.delta().list(), "GET", "/me/drive/root/delta");

    // Sites and lists
    check(client.sites().by_id(site).lists().list(), "GET", "/sites/site%20id/lists");
    let items = client.sites().by_id(site).lists().by_id(list).items();
    check(items.list(), "GET", "/sites/site%20id/lists/list%20id/items");

    // Teams
    check(client.me().joined_teams().list(), "GET", "/me/joinedTeams");
    let channels = client.teams().by_id(team).channels();
    check(channels.list(), "GET", "/teams/team%20id/channels");
    let messages = channels.by_id(channel).messages();
    check(messages.list(), "GET", "/teams/team%20id/channels/channel%20id/messages");
    let post = messages.create(&models::ChatMessage::default());
    check(post, "POST", "/teams/team%20id/channels/channel%20id/messages");

    // Intune
    let devices = client.device_management().managed_devices();
    check(devices.list(), "GET", "/deviceManagement/managedDevices");
    let apps = client.device_app_management().mobile_apps();
    check(apps.list(), "GET", "/deviceAppManagement/mobileApps");
    let policies = client.device_app_management().managed_app_policies();
    check(policies.list(), "GET", "/deviceAppManagement/managedAppPolicies");

    // Applications, subscriptions, audit logs
    check(client.applications().list(), "GET", "/applications");
    check(client.service_principals().list(), "GET", "/servicePrincipals");
    let subscription = models::Subscription::default();
    check(client.subscriptions().create(&subscription), "POST", "/subscriptions");
    let audits = client.audit_logs().directory_audits();
    check(audits.list(), "GET", "/auditLogs/directoryAudits");
    check(client.audit_logs().sign_ins().list(), "GET", "/auditLogs/signIns");

    // Never polled: the types are the point.
    let _not_sent = send_them(&client);
    println!("{} calls checked", CHECKED.load(std::sync::atomic::Ordering::Relaxed));
    Ok(())
}

/// The types the calls answer with, as a caller writes them down.
async fn send_them(client: &Client) -> Result<(), Error> {
    let users: Page<models::User> = client.users().list().top(10).send().await?;
    let me: models::User = client.me().get().select(["displayName", "mail"]).send().await?;
    let manager: models::AnyDirectoryObject = client.me().manager().get().send().await?;
    let created: models::User = client.users().create(&new_user()).send().await?;
    let updated: Option<models::User> = client.me().update(&job_title()).send().await?;
    let changes: Page<models::User> = client.users().delta().list().send().await?;
    let groups: Page<models::Group> = client.groups().list().send().await?;
    let members: Page<models::AnyDirectoryObject> =
        client.groups().by_id("g").members().list().send().await?;
    let member_users: Page<models::User> = client
        .groups()
        .by_id("g")
        .members()
        .cast::<models::User>()
        .list()
        .send()
        .await?;
    let messages: Page<models::AnyMessage> = client.me().messages().list().send().await?;
    // An inbox holds event messages too; the base's fields read from any of them.
    let subjects: Vec<Option<&String>> = messages.value.iter().map(|m| m.subject().value()).collect();
    let member_ids: Vec<&Nullable<String>> = members.value.iter().map(|m| m.id()).collect();
    println!("{subjects:?} {member_ids:?}");
    let folders: Page<models::AnyMailFolder> = client.me().mail_folders().list().send().await?;
    let events: Page<models::Event> = client.me().events().list().send().await?;
    let drive: models::Drive = client.me().drive().get().send().await?;
    let children: Page<models::DriveItem> =
        client.me().drive().root().children().list().send().await?;
    let root: models::DriveItem = client.drives().by_id("d").root().get().send().await?;
    let bytes: bytes::Bytes = client
        .me()
        .drive()
        .items()
        .by_id("i")
        .content()
        .get()
        .send()
        .await?;
    let lists: Page<models::List> = client.sites().by_id("s").lists().list().send().await?;
    let channels: Page<models::Channel> =
        client.teams().by_id("t").channels().list().send().await?;
    let devices: Page<models::ManagedDevice> = client
        .device_management()
        .managed_devices()
        .list()
        .send()
        .await?;
    let apps: Page<models::AnyMobileApp> = client
        .device_app_management()
        .mobile_apps()
        .list()
        .send()
        .await?;
    let policies: Page<models::AnyManagedAppPolicy> = client
        .device_app_management()
        .managed_app_policies()
        .list()
        .send()
        .await?;
    let applications: Page<models::Application> = client.applications().list().send().await?;
    let principals: Page<models::ServicePrincipal> =
        client.service_principals().list().send().await?;
    let audits: Page<models::DirectoryAudit> = client
        .audit_logs()
        .directory_audits()
        .list()
        .send()
        .await?;
    let sign_ins: Page<models::SignIn> = client.audit_logs().sign_ins().list().send().await?;
    println!(
        "{} {:?} {:?} {:?} {:?} {} {} {} {} {} {} {} {:?} {} {:?} {} {} {} {} {} {} {} {} {} {}",
        users.value.len(),
        me.display_name,
        manager,
        created.id,
        updated.is_some(),
        changes.value.len(),
        groups.value.len(),
        members.value.len(),
        member_users.value.len(),
        messages.value.len(),
        folders.value.len(),
        events.value.len(),
        drive.id,
        children.value.len(),
        root.name,
        bytes.len(),
        lists.value.len(),
        channels.value.len(),
        devices.value.len(),
        apps.value.len(),
        policies.value.len(),
        applications.value.len(),
        principals.value.len(),
        audits.value.len(),
        sign_ins.value.len(),
    );
    Ok(())
}

static CHECKED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The request goes where the service expects it, with the method it expects.
fn check<E: graph_typed::runtime::Endpoint>(
    request: graph_typed::runtime::Request<E>,
    method: &str,
    path: &str,
) {
    let request = request.to_http_request().expect("the request builds");
    let sent = request.uri().path().trim_start_matches("/v1.0");
    assert_eq!((request.method().as_str(), sent), (method, path));
    CHECKED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

fn new_user() -> models::User {
    models::User::default().with(|u| {
        u.display_name = "Adele Vance".into();
        u.mail_nickname = "adelev".into();
    })
}

fn job_title() -> models::User {
    models::User::default().with(|u| u.job_title = "Engineer".into())
}

fn mail() -> api::SendMailBody {
    api::SendMailBody::default()
        .with(|body| {
            let message = models::Message::default().with(|m| m.subject = "Hello".into());
            body.message = models::AnyMessage::from(message).into();
            body.save_to_sent_items = false.into();
        })
}
