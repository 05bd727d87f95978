//! Finding the line of a field, given its path (`decision[1].em`), in TOML or JSON text.

/// A step in a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

/// `decision[1].em` → `[Key(decision), Index(1), Key(em)]`.
pub(crate) fn parse_path(path: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            out.push(Seg::Key(key.to_owned()));
        }
        for idx in rest.split('[') {
            if let Ok(n) = idx.trim_end_matches(']').parse::<usize>() {
                out.push(Seg::Index(n));
            }
        }
    }
    out
}

/// Work the locator does, counted only in this crate's own tests: bytes scanned and lookups
/// made, per thread. A test loads a file and one twice its size and asserts that the work
/// at most about doubles, which a count from the start of the file for every fact breaks
/// (deterministically, with no clock).
#[cfg(test)]
pub(crate) mod work {
    use std::cell::Cell;

    thread_local! {
        static DONE: Cell<u64> = const { Cell::new(0) };
    }

    pub(crate) fn add(units: usize) {
        let units = u64::try_from(units).unwrap_or(u64::MAX);
        DONE.with(|d| d.set(d.get().saturating_add(units)));
    }

    /// The work counted on this thread since the last call.
    pub(crate) fn take() -> u64 {
        DONE.with(|d| d.replace(0))
    }
}

#[cfg(not(test))]
pub(crate) mod work {
    #[inline(always)]
    pub(crate) fn add(_units: usize) {}
}

/// The 1-based line of a byte offset (counting from the start: for one lookup; use
/// [`Lines`] for many).
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    work::add(offset.min(text.len()));
    text.get(..offset)
        .unwrap_or(text)
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        .saturating_add(1)
}

/// Where every line of a text starts, found once: a byte offset's line is then a binary
/// search, not a count from the start of the file.
#[derive(Debug, Clone)]
pub(crate) struct Lines {
    /// The byte offset of each line's first byte, the first being 0.
    starts: Vec<usize>,
    len: usize,
}

impl Lines {
    pub(crate) fn new(text: &str) -> Lines {
        work::add(text.len());
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i.saturating_add(1)));
        Lines {
            starts,
            len: text.len(),
        }
    }

    /// The 1-based line of a byte offset (an offset past the end is on the last line), as
    /// [`line_of`] gives it.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        work::add(1);
        let offset = offset.min(self.len);
        // The lines starting at or before the offset: the first starts at 0.
        self.starts.partition_point(|&s| s <= offset)
    }
}

/// A TOML document parsed once, with the span of every value.
pub(crate) type TomlDoc<'a> = toml::Spanned<toml::de::DeTable<'a>>;

/// Parses TOML text for locating.
pub(crate) fn toml_doc(text: &str) -> Option<TomlDoc<'_>> {
    work::add(text.len());
    toml::de::DeTable::parse(text).ok()
}

/// The line of the deepest node of `path` found in TOML text.
pub(crate) fn toml_line(text: &str, path: &str) -> Option<usize> {
    toml_offset(&toml_doc(text)?, path).map(|o| line_of(text, o))
}

/// The byte offset of the deepest node of `path` found in a TOML document parsed once: a
/// walk down its tables (ordered maps) and arrays, never a scan of the text.
pub(crate) fn toml_offset(doc: &TomlDoc<'_>, path: &str) -> Option<usize> {
    use toml::de::{DeTable, DeValue};
    let mut span = doc.span();
    let mut node: Option<&DeValue<'_>> = None;
    let mut table: Option<&DeTable<'_>> = Some(doc.get_ref());
    for seg in parse_path(path) {
        work::add(1);
        let next = match (seg, table, node) {
            (Seg::Key(k), Some(t), _) => t.get(k.as_str()),
            (Seg::Index(i), _, Some(DeValue::Array(a))) => a.get(i),
            _ => None,
        };
        let Some(next) = next else { break };
        span = next.span();
        node = Some(next.get_ref());
        table = match next.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => None,
        };
    }
    Some(span.start)
}

/// A JSON value's position and, for objects and arrays, its members': the whole text walked
/// once, so that each path is found by lookups rather than by scanning from the start.
#[derive(Debug, Clone)]
pub(crate) struct JsonNode {
    offset: usize,
    kind: JsonKind,
}

#[derive(Debug, Clone)]
enum JsonKind {
    Leaf,
    /// Members by their raw key; the first of a key repeated is kept.
    Object(std::collections::HashMap<Vec<u8>, JsonNode>),
    Array(Vec<JsonNode>),
}

/// Deeper than this, values are indexed as leaves (their paths end at the deepest indexed
/// node); serde_json refuses deeper text anyway.
const JSON_DEPTH: usize = 160;

impl JsonNode {
    /// Indexes JSON text (`None` if it is not one JSON value).
    pub(crate) fn index(text: &str) -> Option<JsonNode> {
        work::add(text.len());
        let b = text.as_bytes();
        let (node, _) = json_index(b, skip_ws(b, 0), 0)?;
        Some(node)
    }

    /// The byte offset of the deepest node of `path`.
    pub(crate) fn offset(&self, path: &str) -> usize {
        let mut node = self;
        for seg in parse_path(path) {
            work::add(1);
            let next = match (&seg, &node.kind) {
                (Seg::Key(k), JsonKind::Object(m)) => m.get(k.as_bytes()),
                (Seg::Index(i), JsonKind::Array(a)) => a.get(*i),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node.offset
    }
}

/// The node of the value at `pos` and the position just past it.
fn json_index(b: &[u8], pos: usize, depth: usize) -> Option<(JsonNode, usize)> {
    let leaf = |end| {
        Some((
            JsonNode {
                offset: pos,
                kind: JsonKind::Leaf,
            },
            end,
        ))
    };
    if depth >= JSON_DEPTH {
        return leaf(value_end(b, pos)?);
    }
    let deeper = depth.checked_add(1)?;
    match b.get(pos)? {
        b'{' => {
            let mut members = std::collections::HashMap::new();
            let mut i = skip_ws(b, pos.checked_add(1)?);
            loop {
                if b.get(i)? == &b'}' {
                    break;
                }
                let (after, k) = string_end(b, i)?;
                i = skip_ws(b, after);
                if b.get(i)? != &b':' {
                    return None;
                }
                let v = skip_ws(b, i.checked_add(1)?);
                let (node, end) = json_index(b, v, deeper)?;
                members.entry(k.to_vec()).or_insert(node);
                i = skip_ws(b, end);
                if b.get(i)? == &b',' {
                    i = skip_ws(b, i.checked_add(1)?);
                }
            }
            Some((
                JsonNode {
                    offset: pos,
                    kind: JsonKind::Object(members),
                },
                i.checked_add(1)?,
            ))
        }
        b'[' => {
            let mut elements = Vec::new();
            let mut i = skip_ws(b, pos.checked_add(1)?);
            loop {
                if b.get(i)? == &b']' {
                    break;
                }
                let (node, end) = json_index(b, i, deeper)?;
                elements.push(node);
                i = skip_ws(b, end);
                if b.get(i)? == &b',' {
                    i = skip_ws(b, i.checked_add(1)?);
                }
            }
            Some((
                JsonNode {
                    offset: pos,
                    kind: JsonKind::Array(elements),
                },
                i.checked_add(1)?,
            ))
        }
        _ => leaf(value_end(b, pos)?),
    }
}

/// The line of the deepest node of `path` found in JSON text.
pub(crate) fn json_line(text: &str, path: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut pos = skip_ws(b, 0);
    for seg in parse_path(path) {
        let found = match (seg, b.get(pos)) {
            (Seg::Key(k), Some(b'{')) => find_member(b, pos, &k),
            (Seg::Index(i), Some(b'[')) => find_element(b, pos, i),
            _ => None,
        };
        match found {
            Some(p) => pos = p,
            None => break,
        }
    }
    // Finding the member scanned the text up to it.
    work::add(pos);
    Some(line_of(text, pos))
}

fn skip_ws(b: &[u8], mut pos: usize) -> usize {
    while b.get(pos).is_some_and(|c| c.is_ascii_whitespace()) {
        pos = pos.saturating_add(1);
    }
    pos
}

/// The end of the string starting at `pos` (which is `"`), and its raw content.
fn string_end(b: &[u8], pos: usize) -> Option<(usize, &[u8])> {
    let start = pos.checked_add(1)?;
    let mut i = start;
    loop {
        match b.get(i)? {
            b'\\' => i = i.checked_add(2)?,
            b'"' => return Some((i.checked_add(1)?, b.get(start..i)?)),
            _ => i = i.checked_add(1)?,
        }
    }
}

/// The position just past the value starting at `pos`.
fn value_end(b: &[u8], pos: usize) -> Option<usize> {
    match b.get(pos)? {
        b'"' => string_end(b, pos).map(|(e, _)| e),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = pos;
            loop {
                match b.get(i)? {
                    b'"' => {
                        i = string_end(b, i)?.0;
                        continue;
                    }
                    b'{' | b'[' => depth = depth.checked_add(1)?,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return i.checked_add(1);
                        }
                    }
                    _ => {}
                }
                i = i.checked_add(1)?;
            }
        }
        _ => {
            let mut i = pos;
            while b
                .get(i)
                .is_some_and(|c| !matches!(c, b',' | b'}' | b']') && !c.is_ascii_whitespace())
            {
                i = i.checked_add(1)?;
            }
            Some(i)
        }
    }
}

fn find_member(b: &[u8], pos: usize, key: &str) -> Option<usize> {
    let mut i = skip_ws(b, pos.checked_add(1)?);
    loop {
        if b.get(i)? == &b'}' {
            return None;
        }
        let (after, k) = string_end(b, i)?;
        i = skip_ws(b, after);
        if b.get(i)? != &b':' {
            return None;
        }
        let v = skip_ws(b, i.checked_add(1)?);
        if k == key.as_bytes() {
            return Some(v);
        }
        i = skip_ws(b, value_end(b, v)?);
        if b.get(i)? == &b',' {
            i = skip_ws(b, i.checked_add(1)?);
        }
    }
}

fn find_element(b: &[u8], pos: usize, index: usize) -> Option<usize> {
    let mut i = skip_ws(b, pos.checked_add(1)?);
    let mut n = 0usize;
    loop {
        if b.get(i)? == &b']' {
            return None;
        }
        if n == index {
            return Some(i);
        }
        i = skip_ws(b, value_end(b, i)?);
        if b.get(i)? == &b',' {
            i = skip_ws(b, i.checked_add(1)?);
        }
        n = n.checked_add(1)?;
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn toml_paths() {
        let t = "schema = 1\n\n[[decision]]\nplaces = 1\n\n[[decision]]\nplaces = 2\nem = 3\n";
        assert_eq!(toml_line(t, "decision[1].em"), Some(8));
        assert_eq!(toml_line(t, "decision[0]"), Some(3));
        assert_eq!(toml_line(t, "decision[5].em"), Some(3));
    }

    #[test]
    fn lines_found_once_agree_with_counting() {
        for t in ["", "\n", "a", "a\n", "a\nb", "a\n\nb\n", "æ\nø\r\nå\n\n"] {
            let lines = Lines::new(t);
            for o in 0..=t.len().saturating_add(3) {
                if t.is_char_boundary(o) || o > t.len() {
                    assert_eq!(lines.line_of(o), line_of(t, o), "{t:?} at {o}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn lines_agree_with_counting_anywhere(t in "[a\n\r\u{e5}]{0,60}", o in 0usize..70) {
            if t.is_char_boundary(o) || o > t.len() {
                proptest::prop_assert_eq!(Lines::new(&t).line_of(o), line_of(&t, o));
            }
        }
    }

    #[test]
    fn json_index_finds_what_scanning_finds() {
        let j = "{\n  \"a\": 1,\n  \"decision\": [\n    {\"places\": 1},\n    {\"places\": 2,\n     \"em\": [3, {\"x\": \"]}\\\"\"}]}\n  ],\n  \"a\": 2\n}";
        let node = JsonNode::index(j).unwrap();
        let lines = Lines::new(j);
        for path in [
            "",
            "a",
            "zzz",
            "decision",
            "decision[0]",
            "decision[0].places",
            "decision[1].em",
            "decision[1].em[1].x",
            "decision[1].em[7]",
            "decision[9].em",
        ] {
            assert_eq!(
                Some(lines.line_of(node.offset(path))),
                json_line(j, path),
                "{path}"
            );
        }
        assert!(JsonNode::index("{\"a\": [1, 2").is_none());
        // Deeper than the index goes: the deepest indexed node.
        let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(JsonNode::index(&deep).unwrap().offset("[0][0]"), 2);
    }

    #[test]
    fn json_paths() {
        let j = "{\n  \"a\": 1,\n  \"decision\": [\n    {\"places\": 1},\n    {\"places\": 2,\n     \"em\": 3}\n  ]\n}";
        assert_eq!(json_line(j, "decision[1].em"), Some(6));
        assert_eq!(json_line(j, "a"), Some(2));
        assert_eq!(json_line(j, "zzz"), Some(1));
    }
}
