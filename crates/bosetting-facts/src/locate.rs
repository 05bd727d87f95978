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

/// The 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .unwrap_or(text)
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        .saturating_add(1)
}

/// A TOML document parsed once, with the span of every value.
pub(crate) type TomlDoc<'a> = toml::Spanned<toml::de::DeTable<'a>>;

/// Parses TOML text for locating.
pub(crate) fn toml_doc(text: &str) -> Option<TomlDoc<'_>> {
    toml::de::DeTable::parse(text).ok()
}

/// The line of the deepest node of `path` found in TOML text.
pub(crate) fn toml_line(text: &str, path: &str) -> Option<usize> {
    toml_line_in(text, &toml_doc(text)?, path)
}

/// As [`toml_line`], in a document already parsed.
pub(crate) fn toml_line_in(text: &str, doc: &TomlDoc<'_>, path: &str) -> Option<usize> {
    use toml::de::{DeTable, DeValue};
    let mut span = doc.span();
    let mut node: Option<&DeValue<'_>> = None;
    let mut table: Option<&DeTable<'_>> = Some(doc.get_ref());
    for seg in parse_path(path) {
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
    Some(line_of(text, span.start))
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
    fn json_paths() {
        let j = "{\n  \"a\": 1,\n  \"decision\": [\n    {\"places\": 1},\n    {\"places\": 2,\n     \"em\": 3}\n  ]\n}";
        assert_eq!(json_line(j, "decision[1].em"), Some(6));
        assert_eq!(json_line(j, "a"), Some(2));
        assert_eq!(json_line(j, "zzz"), Some(1));
    }
}
