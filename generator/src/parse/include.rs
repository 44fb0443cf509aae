//! `[!INCLUDE [label](path)]` lines replaced by the file they name, before a page is parsed, so
//! that a table or section an include brings reads as if it were written in the page. Every
//! included line keeps the line number of the include line: that is where a reader looks.

use std::collections::BTreeMap;

use super::fence;
use crate::diagnostics::{Code, Diagnostic, Source};
use crate::load::{include_target, resolve_relative};

/// How deep includes may nest; deeper ones are reported, not followed.
const MOST_NESTED: usize = 8;

/// How many lines includes may add to one page. Real include files hold a table or a note (the
/// largest in the current reference, under 60 lines); without a bound, ten files that each
/// include the next ten times would splice 10^9 lines into one page.
const MOST_INCLUDED_LINES: usize = 100_000;

/// The files a page may include, by name (relative to the specs folder).
#[derive(Default)]
pub struct Includes<'a> {
    texts: BTreeMap<&'a str, &'a str>,
}

impl<'a> Includes<'a> {
    pub fn new(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Includes {
            texts: files.into_iter().collect(),
        }
    }
}

impl Includes<'_> {
    /// Whether any file lies in `folder` (or below it).
    fn has_folder(&self, folder: &str) -> bool {
        let prefix = format!("{folder}/");
        self.texts
            .range(prefix.as_str()..)
            .next()
            .is_some_and(|(name, _)| name.starts_with(&prefix))
    }
}

/// Several findings of [`Code::IncludeFolderAbsent`] for one folder -> the first, saying how many there were.
pub fn collapse_absent_folders(diagnostics: &mut Vec<Diagnostic>) {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for d in diagnostics
        .iter()
        .filter(|d| d.code == Code::IncludeFolderAbsent)
    {
        *counts.entry(d.message.clone()).or_default() += 1;
    }
    let mut seen = std::collections::BTreeSet::new();
    diagnostics.retain_mut(|d| {
        if d.code != Code::IncludeFolderAbsent {
            return true;
        }
        let count = counts.get(&d.message).copied().unwrap_or(1);
        if !seen.insert(d.message.clone()) {
            return false;
        }
        d.message = format!(
            "{count} {}",
            d.message
                .replacen("includes point", "include lines point", 1)
        );
        true
    });
}

/// A page's lines with its includes in place, and the page line each came from (1-based).
pub struct Expanded<'a> {
    pub lines: Vec<&'a str>,
    pub origin: Vec<usize>,
    /// The marker of the code block the lines so far leave open (an include line there is code),
    /// by the parser's rule: a block closes on its marker alone on a line.
    open_fence: Option<&'static str>,
    /// Lines spliced in from included files so far.
    included: usize,
    /// Include lines not followed because of [`MOST_INCLUDED_LINES`], and where the first was.
    over_budget: Option<(Source, usize)>,
}

impl<'a> Expanded<'a> {
    fn push(&mut self, line: &'a str, origin: usize) {
        let t = line.trim();
        self.open_fence = match (self.open_fence, fence::opening(t)) {
            (None, opened) => opened,
            (Some(open), _) if fence::closes(open, t) => None,
            (still, _) => still,
        };
        self.lines.push(line);
        self.origin.push(origin);
    }
}

pub fn expand<'a>(
    file: &str,
    text: &'a str,
    includes: &Includes<'a>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Expanded<'a> {
    let mut out = Expanded {
        lines: Vec::new(),
        origin: Vec::new(),
        open_fence: None,
        included: 0,
        over_budget: None,
    };
    let mut within = vec![file.to_owned()];
    for (i, line) in text.lines().enumerate() {
        let at = Source::new(file, i + 1);
        splice(
            line,
            i + 1,
            &at,
            includes,
            &mut within,
            &mut out,
            diagnostics,
        );
    }
    if let Some((at, refused)) = out.over_budget.take() {
        diagnostics.push(Diagnostic::new(
            Code::IncludeLimit,
            &at,
            format!(
                "includes add more than {MOST_INCLUDED_LINES} lines to this page; {refused} include line(s) from here on are not followed"
            ),
        ));
    }
    out
}

/// Pushes `line` (from `file` of the stack's top), or what it includes, in place.
fn splice<'a>(
    line: &'a str,
    origin: usize,
    at: &Source,
    includes: &Includes<'a>,
    within: &mut Vec<String>,
    out: &mut Expanded<'a>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let target = include_target(line).filter(|_| out.open_fence.is_none());
    let Some(target) = target else {
        out.push(line, origin);
        return;
    };
    let current = within.last().map_or("", String::as_str);
    let name = resolve_relative(current, target);
    let Some((name, included)) = name
        .as_deref()
        .and_then(|n| includes.texts.get_key_value(n))
    else {
        diagnostics.push(missing(at, target, name.as_deref(), includes));
        return;
    };
    if let Some(refusal) = refusal(target, name, within) {
        diagnostics.push(Diagnostic::new(refusal.0, at, refusal.1));
        return;
    }
    let lines = without_front_matter(included);
    if out.included + lines.len() > MOST_INCLUDED_LINES || out.over_budget.is_some() {
        out.over_budget.get_or_insert_with(|| (at.clone(), 0)).1 += 1;
        return;
    }
    out.included += lines.len();
    within.push((*name).to_owned());
    for included_line in lines {
        splice(
            included_line,
            origin,
            at,
            includes,
            within,
            out,
            diagnostics,
        );
    }
    within.pop();
}

/// Why `name` may not be included within `within`: it is one of them, or too deep below them.
fn refusal(target: &str, name: &str, within: &[String]) -> Option<(Code, String)> {
    if within.iter().any(|w| w == name) {
        return Some((
            Code::RecursiveInclude,
            format!(
                "`{target}` includes itself (through {}); not included again",
                within.join(" -> ")
            ),
        ));
    }
    (within.len() > MOST_NESTED).then(|| {
        (
            Code::IncludeLimit,
            format!(
                "`{target}` is included {} files deep; includes nest at most {MOST_NESTED} deep, so it is not followed",
                within.len()
            ),
        )
    })
}

/// A file missing from a folder the doc set has is a broken include: what it holds (a
/// permissions table, a note) is lost, a warning. An include into a folder the doc set does not
/// have at all (a checkout of a part of the docs) is one finding for the whole run, not one per
/// line. A user's subset of the docs (code samples left out, say) is expected to lack whole
/// folders, so the note says how many includes pointed there, not a warning per include line.
fn missing(at: &Source, target: &str, name: Option<&str>, includes: &Includes<'_>) -> Diagnostic {
    let folder = name.map(|n| n.rsplit_once('/').map_or("", |(folder, _)| folder));
    if let Some(folder) = folder.filter(|f| !includes.has_folder(f)) {
        return Diagnostic::new(
            Code::IncludeFolderAbsent,
            at,
            format!("includes point into `{folder}/`, a folder this doc set does not have; what they hold is missing from the pages"),
        );
    }
    Diagnostic::new(
        Code::MissingInclude,
        at,
        format!("included file `{target}` does not exist; what it holds is missing from the page"),
    )
}

fn without_front_matter(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    let skip = if lines.first().map(|l| l.trim()) == Some("---") {
        lines
            .iter()
            .skip(1)
            .position(|l| l.trim() == "---")
            .map_or(0, |end| end + 2)
    } else {
        0
    };
    lines.into_iter().skip(skip).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn includes_are_spliced_with_the_include_line_as_origin() {
        let table = "---\nms.topic: include\n---\n\n|Permission type|Permissions|\n|:--|:--|\n|Application|User.Read.All|\n";
        let page = "# Get\n\n## Permissions\n[!INCLUDE [permissions-table](../includes/permissions/p.md)]\n\n```http\n[!INCLUDE [x](../includes/permissions/p.md)]\n```\n[!INCLUDE [gone](../includes/permissions/gone.md)]\n[!INCLUDE [s](../includes/snippets/a.md)]\n[!INCLUDE [s](../includes/snippets/b.md)]\n";
        let includes = Includes::new([("includes/permissions/p.md", table)]);
        let mut diagnostics = Vec::new();
        let e = expand("api/get.md", page, &includes, &mut diagnostics);
        assert_eq!(e.lines[3], "");
        assert_eq!(e.lines[4], "|Permission type|Permissions|");
        assert_eq!(e.origin[4..7], [4, 4, 4]);
        assert_eq!(e.lines[9], "[!INCLUDE [x](../includes/permissions/p.md)]");
        assert_eq!(e.origin[9], 7);
        let found: Vec<_> = diagnostics.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(
            found,
            [
                (Code::MissingInclude, 9),
                (Code::IncludeFolderAbsent, 10),
                (Code::IncludeFolderAbsent, 11)
            ]
        );
        assert_eq!(
            diagnostics[0].severity,
            crate::diagnostics::Severity::Warning
        );
        collapse_absent_folders(&mut diagnostics);
        assert_eq!(diagnostics.len(), 2);
        assert_eq!(
            diagnostics[1].message,
            "2 include lines point into `includes/snippets/`, a folder this doc set does not have; what they hold is missing from the pages"
        );
    }

    #[test]
    fn an_include_that_includes_itself_is_reported_once_per_line() {
        let includes = Includes::new([
            ("a.md", "A\n[!INCLUDE [b](b.md)]"),
            ("b.md", "B\n[!INCLUDE [a](a.md)]"),
        ]);
        let mut diagnostics = Vec::new();
        let e = expand(
            "page.md",
            "[!INCLUDE [a](a.md)]\n",
            &includes,
            &mut diagnostics,
        );
        assert_eq!(e.lines, ["A", "B"]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::RecursiveInclude);
        assert!(diagnostics[0].message.contains("page.md -> a.md -> b.md"));
    }
}
