//! Path globs as Kiota reads `--include-path`: over the URL path as documented, `*` is one
//! segment (or any characters within one), `**` any number of segments (none included), a
//! placeholder matches a placeholder whatever its name, case is ignored, and `#GET,PATCH` after
//! the path keeps only those methods.

use crate::ir::url::split_top_level;
use crate::ir::{HttpMethod, Segment};

/// One `--include-path` or `--exclude-path` argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathGlob {
    /// As the user wrote it, for messages.
    pub text: String,
    parts: Vec<Part>,
    /// Empty: every method.
    methods: Vec<HttpMethod>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    /// `**`: any number of segments.
    AnyDepth,
    /// A segment pattern, normalized; `*` inside it matches any characters.
    Segment(String),
}

impl PathGlob {
    pub fn parse(text: &str) -> Result<PathGlob, String> {
        let trimmed = text.trim();
        let (path, methods) = match trimmed.split_once('#') {
            Some((path, methods)) => (path, parse_methods(methods, text)?),
            None => (trimmed, Vec::new()),
        };
        if !path.starts_with('/') {
            return Err(format!("path glob `{text}` must start with `/`"));
        }
        let parts = split_top_level(path, '/')
            .into_iter()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| match s {
                "**" => Part::AnyDepth,
                _ => Part::Segment(normalized(s)),
            })
            .collect();
        Ok(PathGlob {
            text: text.to_owned(),
            parts,
            methods,
        })
    }

    /// Whether a documented path, sent with `method`, is one this glob names.
    pub fn matches(&self, method: HttpMethod, segments: &[Segment]) -> bool {
        if !self.methods.is_empty() && !self.methods.contains(&method) {
            return false;
        }
        let texts: Vec<String> = segments
            .iter()
            .map(|s| normalized(&s.to_string()))
            .collect();
        matches_from(&self.parts, &texts)
    }

    /// The glob's leading literal segments (`/deviceAppManagement/mobileApps/**` ->
    /// `/deviceappmanagement/mobileapps`), to find near matches for a glob that matches nothing.
    pub fn literal_prefix(&self) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Segment(s) if !s.contains('*') => {
                    out.push('/');
                    out.push_str(s);
                }
                _ => break,
            }
        }
        out
    }
}

fn parse_methods(methods: &str, text: &str) -> Result<Vec<HttpMethod>, String> {
    methods
        .split(',')
        .map(|m| {
            HttpMethod::from_name(m.trim()).ok_or_else(|| {
                format!("`{}` in path glob `{text}` is not an HTTP method", m.trim())
            })
        })
        .collect()
}

/// Lower case, and every `{placeholder}` as `{}`: placeholders match whatever their names.
pub fn normalized(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    let mut depth = 0usize;
    for c in segment.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    out.push('{');
                }
                depth += 1;
            }
            '}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push('}');
                }
            }
            _ if depth > 0 => {}
            _ => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

fn matches_from(parts: &[Part], segments: &[String]) -> bool {
    match parts.split_first() {
        None => segments.is_empty(),
        Some((Part::AnyDepth, rest)) => {
            (0..=segments.len()).any(|skip| matches_from(rest, &segments[skip..]))
        }
        Some((Part::Segment(pattern), rest)) => match segments.split_first() {
            Some((first, others)) => wildcard(pattern, first) && matches_from(rest, others),
            None => false,
        },
    }
}

/// `*` matches any run of characters; everything else matches itself.
fn wildcard(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, tail)) => {
            let Some(rest) = text.strip_prefix(head) else {
                return false;
            };
            (0..=rest.len())
                .filter(|&i| rest.is_char_boundary(i))
                .any(|i| wildcard(tail, &rest[i..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::url::parse_segments;

    fn matches(glob: &str, method: HttpMethod, path: &str) -> bool {
        PathGlob::parse(glob)
            .unwrap()
            .matches(method, &parse_segments(path))
    }

    #[test]
    fn star_is_one_segment_and_double_star_any_number() {
        let get = HttpMethod::Get;
        assert!(matches("/users/*", get, "/users/{id}"));
        assert!(!matches("/users/*", get, "/users/{id}/photo"));
        assert!(!matches("/users/*", get, "/users"));
        assert!(matches("/users/**", get, "/users"));
        assert!(matches("/users/**", get, "/users/{id}/photo/$value"));
        assert!(matches("/**/photo", get, "/users/{id}/photo"));
        assert!(!matches("/users/**", get, "/groups/{id}"));
        assert!(matches("/users/*/get*", get, "/users/{id}/getMemberGroups"));
    }

    #[test]
    fn placeholders_match_whatever_their_names_and_case_is_ignored() {
        let get = HttpMethod::Get;
        assert!(matches(
            "/users/{id}/photo",
            get,
            "/users/{user-id | userPrincipalName}/photo"
        ));
        assert!(matches(
            "/DEVICEAPPMANAGEMENT/**",
            get,
            "/deviceAppManagement/mobileApps"
        ));
        assert!(matches(
            "/me/drive/root:/{path}:/content",
            get,
            "/me/drive/root:/{item-path}:/content"
        ));
        assert!(matches(
            "/reports/getOffice365ActiveUserCounts(period={p})",
            get,
            "/reports/getOffice365ActiveUserCounts(period='{period_value}')"
                .replace('\'', "")
                .as_str()
        ));
    }

    #[test]
    fn methods_after_a_hash_narrow_the_glob() {
        assert!(matches(
            "/users/**#GET,PATCH",
            HttpMethod::Patch,
            "/users/{id}"
        ));
        assert!(!matches("/users/**#GET", HttpMethod::Delete, "/users/{id}"));
        assert!(PathGlob::parse("/users#FETCH").is_err());
        assert!(PathGlob::parse("users/**").is_err());
    }

    #[test]
    fn the_literal_prefix_stops_at_the_first_wildcard() {
        let glob = PathGlob::parse("/deviceAppManagement/mobileApps/*/assignments").unwrap();
        assert_eq!(glob.literal_prefix(), "/deviceappmanagement/mobileapps");
    }
}
