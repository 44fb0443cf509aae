//! Diagnostics: every page that is skipped or only partly understood says why, with file and line.

mod code;

pub use code::{markdown_table, Code};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Where something came from: a page and a 1-based line.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    pub file: String,
    pub line: usize,
}

impl Source {
    pub fn new(file: &str, line: usize) -> Self {
        Source {
            file: file.to_owned(),
            line,
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One finding. `code` is stable so that tools can filter on it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    /// The element of the service metadata the finding compares the page with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Box<MetadataSite>>,
}

/// Where a finding points in the service metadata: the CSDL file, its line, and the element
/// (`microsoft.graph.user/joinedTeams`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MetadataSite {
    pub file: String,
    pub line: usize,
    pub element: String,
}

impl Diagnostic {
    /// A finding of `code`, at the code's own severity.
    pub fn new(code: Code, at: &Source, message: impl Into<String>) -> Self {
        Self::with_severity(code.severity(), code, at, message)
    }
    /// A finding whose severity differs from its code's (a repeat reported more quietly).
    pub fn with_severity(
        severity: Severity,
        code: Code,
        at: &Source,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: at.file.clone(),
            line: at.line,
            column: None,
            severity,
            code,
            message: message.into(),
            metadata: None,
        }
    }

    /// The finding, pointing also at `element` on `line` of the metadata `file`.
    pub fn at_metadata(mut self, file: &str, line: usize, element: impl Into<String>) -> Self {
        self.metadata = Some(Box::new(MetadataSite {
            file: file.to_owned(),
            line,
            element: element.into(),
        }));
        self
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {}[{}]: {}",
            self.file, self.line, self.severity, self.code, self.message
        )
    }
}
