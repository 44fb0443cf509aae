//! The request lines of a page: paths, their repairs, and the arguments of functions in them.

use super::*;
use crate::diagnostics::{Code, Diagnostic, Source};
use crate::extract::title;
use crate::extract::type_tables::properties_from_table;
use crate::ir::PathTemplate;
use crate::parse::http::request_line;
use crate::parse::inline::{self};
use crate::parse::page::{Page, Section};
use crate::parse::path::{parse_segments, repair_template, split_url, Segment};

/// A function whose request lines leave out the parentheses (`GET /reports/getUserArchivedPrintJobs`,
/// `GET …/range/cell`) while a `Function parameters` (or `Parameters`, `Path parameters`) table
/// lists arguments the path does not hold: each such line is also reachable with the arguments,
/// `getUserArchivedPrintJobs(userId='{userId}',…)`, as one more path of the same operation.
/// The parameters a function's table lists that its request lines do not hold as placeholders.
pub(super) fn function_parameters(page: &Page, paths: &[PathTemplate]) -> Vec<crate::ir::Property> {
    // A table under `Request body` lists the function's parameters when the prose says they go
    // in the URL (as the Intune pages print them); otherwise they are a body (Excel's `GET`s).
    let Some(section) = page.sections.iter().find(|s| {
        let h = inline::plain_text(&s.heading).trim().to_ascii_lowercase();
        let names_parameters = matches!(
            h.as_str(),
            "function parameters" | "parameters" | "path parameters"
        ) || (h == "request body" && params_go_in_the_url(s));
        names_parameters && s.tables().next().is_some()
    }) else {
        return Vec::new();
    };
    let Some(table) = section.tables().next() else {
        return Vec::new();
    };
    let placeholders: Vec<String> = paths
        .iter()
        .flat_map(|p| p.segments.iter())
        .filter_map(|s| match s {
            Segment::Param { alternatives, .. } => Some(alternatives.clone()),
            _ => None,
        })
        .flatten()
        .map(|a| a.to_ascii_lowercase())
        .collect();
    let mut ignored = Vec::new();
    properties_from_table(page, table, &mut ignored)
        .into_iter()
        .filter(|p| {
            !placeholders.contains(&p.name.to_ascii_lowercase())
                && p.name.chars().all(|c| c.is_ascii_alphanumeric())
        })
        .collect()
}

pub(super) fn with_function_parameters(
    page: &Page,
    mut paths: Vec<PathTemplate>,
    parameters: &[crate::ir::Property],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PathTemplate> {
    if parameters.is_empty() {
        return paths;
    }
    let args: Vec<String> = parameters
        .iter()
        .map(|p| {
            let quoted = matches!(
                crate::extract::types::primitive(p.ty.name.trim_start_matches("Edm.")),
                Some(crate::ir::Primitive::String | crate::ir::Primitive::Guid)
            );
            if quoted {
                format!("{0}='{{{0}}}'", p.name)
            } else {
                format!("{0}={{{0}}}", p.name)
            }
        })
        .collect();
    let mut added = Vec::new();
    for path in &paths {
        let Some(Segment::Static(last)) = path.segments.last() else {
            continue;
        };
        if !last.chars().all(|c| c.is_ascii_alphanumeric())
            || path.segments.len() < 2
            || !title_names_function(page, last)
        {
            continue;
        }
        let template = format!(
            "{}({})",
            path.template.trim_end_matches('/'),
            args.join(",")
        );
        diagnostics.push(Diagnostic::new(
            Code::FunctionParametersPath,
            &path.source,
            format!(
                "`{last}` takes the parameters its table lists; also reachable as `{template}`"
            ),
        ));
        added.push(PathTemplate {
            segments: parse_segments(&template),
            template,
            source: path.source.clone(),
        });
    }
    paths.extend(added);
    paths
}

/// "In the request URL, provide the following query parameters": a `Request body` section whose
/// table is not a body.
pub(super) fn params_go_in_the_url(section: &Section) -> bool {
    let text: String = section
        .paragraphs()
        .map(|p| p.text.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    text.contains("request url") || text.contains("query parameters")
}

/// Function pages are titled after the function: `Range: Cell`, `getEffectivePermissions function`.
pub(super) fn title_names_function(page: &Page, name: &str) -> bool {
    let title = inline::plain_text(&title(page).0);
    let words: Vec<&str> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let names_it = words.iter().any(|w| w.eq_ignore_ascii_case(name));
    names_it && (title.contains(':') || words.iter().any(|w| w.eq_ignore_ascii_case("function")))
}

/// Every `METHOD /path` line under "HTTP request"; without that heading, the first fence of
/// request lines that have no host (examples have hosts).
pub(super) fn request_lines(
    page: &Page,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<(String, Vec<PathTemplate>)>> {
    let fences: Vec<_> = match http_section(page) {
        Some(section) => request_fences(page, section),
        None => fallback_fences(page, diagnostics)?,
    };
    let mut groups: Vec<(String, Vec<PathTemplate>)> = Vec::new();
    for fence in fences {
        for (offset, line) in fence.body.lines().enumerate() {
            let at = Source::new(&page.file, fence.line + 1 + offset);
            let text = line.trim();
            if text.is_empty() || text.starts_with("//") || text.starts_with('#') {
                continue;
            }
            let Some((m, url)) = request_line(text) else {
                diagnostics.push(Diagnostic::new(
                    Code::BadRequestLine,
                    &at,
                    format!("`{text}` is not a `METHOD /path` line; ignored"),
                ));
                continue;
            };
            let mut split = split_url(url);
            if let Some((repaired, fixes)) = repair_template(&split.path) {
                diagnostics.push(Diagnostic::new(
                    Code::PathTemplateCorrected,
                    &at,
                    format!(
                        "request line writes `{}`; read as `{repaired}` ({})",
                        split.path,
                        fixes.join("; ")
                    ),
                ));
                split.path = repaired;
            }
            if !url.starts_with('/') && split.host.is_none() {
                diagnostics.push(Diagnostic::new(
                    Code::PathWithoutSlash,
                    &at,
                    format!(
                        "path `{url}` does not start with `/`; read as `{}`",
                        split.path
                    ),
                ));
            }
            let group = match groups.iter().position(|(method, _)| *method == m) {
                Some(g) => g,
                None => {
                    if let Some((first, _)) = groups.first() {
                        diagnostics.push(Diagnostic::new(
                            Code::MixedMethods,
                            &at,
                            format!("`{m}` line in a page whose first request line is `{first}`; generated as a second operation"),
                        ));
                    }
                    groups.push((m, Vec::new()));
                    groups.len() - 1
                }
            };
            let paths = &mut groups[group].1;
            if paths.iter().any(|p| p.template == split.path) {
                continue;
            }
            paths.push(PathTemplate {
                segments: parse_segments(&split.path),
                template: split.path,
                source: at,
            });
        }
    }
    (!groups.is_empty()).then_some(groups)
}

/// A page without an `HTTP request` heading: the first code block before the examples that
/// starts with a request line, with a note; else a warning and no operation.
fn fallback_fences<'a>(
    page: &'a Page,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<&'a crate::parse::page::Fence>> {
    let fallback = page
        .sections
        .iter()
        .take_while(|s| !s.heading.to_ascii_lowercase().starts_with("example"))
        .flat_map(|s| s.fences())
        .find(|f| {
            f.body
                .lines()
                .find(|l| !l.trim().is_empty())
                .and_then(request_line)
                .is_some_and(|(_, url)| url.starts_with('/'))
        });
    let line = page.title.as_ref().map_or(1, |t| t.1);
    match fallback {
        Some(f) => {
            diagnostics.push(Diagnostic::new(
                Code::NoHttpRequestHeading,
                &page.source(f.line),
                "no `HTTP request` heading; the request lines are taken from this code block",
            ));
            Some(vec![f])
        }
        None => {
            diagnostics.push(Diagnostic::new(
                Code::NoHttpRequest,
                &page.source(line),
                "API page has no `HTTP request` section with a code block; no operation generated",
            ));
            None
        }
    }
}
