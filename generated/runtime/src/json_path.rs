//! The JSON path (`value[3].status`) of a position in a JSON document.
//!
//! serde_json reports where reading failed as a line and column. Turning that into a path by
//! scanning the text once keeps the deserialization of every model free of path-tracking
//! wrappers, which would otherwise double the code compiled for each type.

/// The path to the value being read at `line`:`column` (1-based, as serde_json counts), `.` at
/// the top level.
pub fn json_path_at(text: &[u8], line: usize, column: usize) -> ::std::string::String {
    let offset = offset_of(text, line, column);
    let mut frames: ::std::vec::Vec<Frame> = ::std::vec::Vec::new();
    let mut i = 0;
    while i < offset.min(text.len()) {
        match text[i] {
            b'"' => {
                let (string, end) = read_string(text, i);
                if let Some(Frame::Object {
                    key,
                    expecting_key: expecting @ true,
                }) = frames.last_mut()
                {
                    *key = Some(string);
                    *expecting = false;
                }
                i = end;
                continue;
            }
            b'{' => frames.push(Frame::Object {
                key: None,
                expecting_key: true,
            }),
            b'[' => frames.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                frames.pop();
            }
            b',' => match frames.last_mut() {
                Some(Frame::Object { key, expecting_key }) => {
                    *key = None;
                    *expecting_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = ::std::string::String::new();
    for frame in &frames {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

enum Frame {
    Object {
        key: Option<::std::string::String>,
        expecting_key: bool,
    },
    Array {
        index: usize,
    },
}

/// The byte offset of a 1-based line and column.
fn offset_of(text: &[u8], line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].iter().position(|&b| b == b'\n') {
            Some(newline) => start += newline + 1,
            None => return text.len(),
        }
    }
    // The column is 1-based and names the character where serde_json stopped (often the `,` or
    // `}` after the bad value): the path is the one just before it.
    start + column.saturating_sub(1)
}

/// The string starting at the quote at `at` (escapes kept as written), and the offset after it.
fn read_string(text: &[u8], at: usize) -> (::std::string::String, usize) {
    let mut i = at + 1;
    while i < text.len() {
        match text[i] {
            b'\\' => i += 2,
            b'"' => break,
            _ => i += 1,
        }
    }
    let end = i.min(text.len());
    (
        ::std::string::String::from_utf8_lossy(&text[at + 1..end]).into_owned(),
        end + 1,
    )
}

#[cfg(test)]
mod tests {
    use super::json_path_at;

    fn path_of_error<T: serde::de::DeserializeOwned + ::std::fmt::Debug>(text: &str) -> String {
        let error = serde_json::from_str::<T>(text).unwrap_err();
        json_path_at(text.as_bytes(), error.line(), error.column())
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Item {
        status: u8,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Page {
        value: Vec<Item>,
    }

    #[test]
    fn finds_the_path_of_a_wrong_value() {
        let text = "{\n  \"@odata.context\": \"x\",\n  \"value\": [\n    {\"status\": 1},\n    {\"status\": \"a,b]\"}\n  ]\n}";
        assert_eq!(path_of_error::<Page>(text), "value[1].status");
        assert_eq!(path_of_error::<Item>("{\"status\": true}"), "status");
        assert_eq!(path_of_error::<Item>("\"x\""), ".");
        assert_eq!(json_path_at(b"{\"a\\\"b\": [", 1, 11), "a\\\"b[0]");
        // A value that fails after it is read: serde_json stops at the `,` that follows.
        assert_eq!(
            path_of_error::<Item>("{\"status\": 300, \"x\": 1}"),
            "status"
        );
    }
}
