//! The code-block rule the page parser and the include expander share: which line opens a block,
//! and which closes it. Both must agree, or an include line inside a block would be expanded.

/// The marker of a line that opens a code block (` ``` ` or `~~~`, with any info string).
pub fn opening(line: &str) -> Option<&'static str> {
    if line.starts_with("```") {
        Some("```")
    } else if line.starts_with("~~~") {
        Some("~~~")
    } else {
        None
    }
}

/// Whether `line` (trimmed) closes a block opened with `marker`: the marker alone on its line.
pub fn closes(marker: &str, line: &str) -> bool {
    line.starts_with(marker) && line[marker.len()..].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_closes_on_its_own_marker_alone() {
        assert_eq!(opening("```http"), Some("```"));
        assert_eq!(opening("~~~"), Some("~~~"));
        assert_eq!(opening("``"), None);
        assert!(closes("```", "```"));
        assert!(closes("```", "```  "));
        assert!(!closes("```", "```json"));
        assert!(!closes("~~~", "```"));
    }
}
