//! URL path templates (`/users/{id | userPrincipalName}/getX(p='{v}')`) and example URLs.

use crate::ir::url::split_top_level;
pub use crate::ir::url::{is_graph_host, parse_segments, split_url, SplitUrl};
pub use crate::ir::{FunctionArg, Segment};

/// A template with a slip in its syntax, as it was meant, and what was changed: a call left
/// open before the next `/` (`range(address='x'/entireRow`), a placeholder in parentheses
/// (`(team-id)`), alternatives written outside the braces (`{user-id} | user-principal-name`).
/// `None` when the template needs no repair.
pub fn repair_template(path: &str) -> Option<(String, Vec<String>)> {
    let mut fixes = Vec::new();
    let closed = close_open_calls(path, &mut fixes);
    let segments: Vec<String> = split_top_level(&closed, '/')
        .into_iter()
        .map(|segment| repair_segment(segment, &mut fixes))
        .collect();
    (!fixes.is_empty()).then(|| (segments.join("/"), fixes))
}

fn close_open_calls(path: &str, fixes: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(path.len() + 2);
    let (mut depth, mut quote) = (0usize, false);
    for c in path.chars() {
        match c {
            '\'' => quote = !quote,
            '(' if !quote => depth += 1,
            ')' if !quote => depth = depth.saturating_sub(1),
            '/' if depth > 0 && !quote => {
                fixes.push("closes a call left open before `/`".to_owned());
                out.extend(std::iter::repeat_n(')', depth));
                depth = 0;
            }
            _ => {}
        }
        out.push(c);
    }
    if depth > 0 && !quote {
        fixes.push("closes a call left open at the end".to_owned());
        out.extend(std::iter::repeat_n(')', depth));
    }
    out
}

fn repair_segment(segment: &str, fixes: &mut Vec<String>) -> String {
    let placeholder_name = |t: &str| {
        !t.is_empty()
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
    };
    if let Some(name) = segment.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        if placeholder_name(name) {
            fixes.push(format!("reads `({name})` as the placeholder `{{{name}}}`"));
            return format!("{{{name}}}");
        }
    }
    if let Some((inside, after)) = segment.strip_prefix('{').and_then(|s| s.split_once('}')) {
        if let Some(alternatives) = after.trim_start().strip_prefix('|') {
            let alternatives = alternatives.trim();
            if placeholder_name(inside.trim()) && placeholder_name(alternatives) {
                fixes.push(format!(
                    "reads `{segment}` as the alternatives `{{{} | {alternatives}}}`",
                    inside.trim()
                ));
                return format!("{{{} | {alternatives}}}", inside.trim());
            }
        }
    }
    segment.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_slips_in_templates() {
        let (path, fixes) = repair_template("/a/range(address='<address>'/entireRow").unwrap();
        assert_eq!(path, "/a/range(address='<address>')/entireRow");
        assert_eq!(fixes.len(), 1);
        let (path, _) = repair_template("/teams/(team-id)/channels").unwrap();
        assert_eq!(path, "/teams/{team-id}/channels");
        let (path, _) = repair_template("/users/{user-id} | user-principal-name/chats").unwrap();
        assert_eq!(path, "/users/{user-id | user-principal-name}/chats");
        for fine in [
            "/users/{id | userPrincipalName}/x",
            "/a/range(address='A1:B2')/format",
            "/me/drive/root:/{item-path}:/content",
            "/reports/getX(period='{period_value}')",
        ] {
            assert_eq!(repair_template(fine), None, "{fine}");
        }
    }
}
