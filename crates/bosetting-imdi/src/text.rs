//! Bytes to text and numbers, fast and strict.

use rust_decimal::Decimal;

/// How the file's text is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// ISO-8859-1, as IMDi delivers its exports.
    Latin1,
    /// UTF-8 (a re-saved export).
    Utf8,
}

impl Encoding {
    pub(crate) fn decode(self, bytes: &[u8]) -> Option<String> {
        match self {
            // Every byte is a code point in Latin-1: decoding cannot fail.
            Encoding::Latin1 => Some(bytes.iter().map(|&b| char::from(b)).collect()),
            Encoding::Utf8 => std::str::from_utf8(bytes).ok().map(str::to_owned),
        }
    }
}

/// Text for error messages: Latin-1 decoded, cut to a readable length.
pub(crate) fn shown(bytes: &[u8]) -> String {
    let s: String = bytes.iter().take(60).map(|&b| char::from(b)).collect();
    if bytes.len() > 60 {
        format!("{s}…")
    } else {
        s
    }
}

/// Splits a line into fields at `;`, honouring double-quoted fields ("a;b" and "a""b").
/// Unquoted lines (all of IMDi's) take the fast path.
pub(crate) fn split<'a>(
    line: &'a [u8],
    out: &mut Vec<std::borrow::Cow<'a, [u8]>>,
) -> Result<(), String> {
    out.clear();
    if memchr::memchr(b'"', line).is_none() {
        out.extend(line.split(|&b| b == b';').map(std::borrow::Cow::Borrowed));
        return Ok(());
    }
    let mut field = Vec::new();
    let mut quoted = false;
    let mut i = 0usize;
    while let Some(&b) = line.get(i) {
        i = i.saturating_add(1);
        match (quoted, b) {
            (true, b'"') if line.get(i) == Some(&b'"') => {
                field.push(b'"');
                i = i.saturating_add(1);
            }
            (true, b'"') => quoted = false,
            (false, b'"') if field.is_empty() => quoted = true,
            (false, b';') => out.push(std::borrow::Cow::Owned(std::mem::take(&mut field))),
            (_, b) => field.push(b),
        }
    }
    if quoted {
        return Err("a quoted field is not closed".into());
    }
    out.push(std::borrow::Cow::Owned(field));
    Ok(())
}

/// The fast path for a line without quotes (`may_have_quotes` is false when the whole file
/// has none, which saves looking in every line): exactly `N` fields, or the number of fields
/// found (`Err(n)`), or `Ok(None)` if the line has a quote and needs [`split`].
#[inline]
pub(crate) fn split_plain<const N: usize>(
    line: &[u8],
    may_have_quotes: bool,
) -> Result<Option<[&[u8]; N]>, usize> {
    if may_have_quotes && memchr::memchr(b'"', line).is_some() {
        return Ok(None);
    }
    let mut out: [&[u8]; N] = [&[]; N];
    let mut n = 0usize;
    for field in line.split(|&b| b == b';') {
        if let Some(slot) = out.get_mut(n) {
            *slot = field;
        }
        n = n.saturating_add(1);
    }
    if n == N { Ok(Some(out)) } else { Err(n) }
}

/// Four ASCII digits as a number.
pub(crate) fn four_digits(b: &[u8]) -> Option<u16> {
    let [a, b2, c, d] = b else { return None };
    let mut n = 0u16;
    for &x in [a, b2, c, d] {
        if !x.is_ascii_digit() {
            return None;
        }
        n = n
            .wrapping_mul(10)
            .wrapping_add(u16::from(x.wrapping_sub(b'0')));
    }
    Some(n)
}

/// A non-negative whole number of at most nine digits.
pub(crate) fn count(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 {
        return None;
    }
    let mut n = 0u32;
    for &x in b {
        if !x.is_ascii_digit() {
            return None;
        }
        // Nine digits are below 10⁹ < 2³²: no overflow.
        n = n
            .wrapping_mul(10)
            .wrapping_add(u32::from(x.wrapping_sub(b'0')));
    }
    Some(n)
}

/// A non-negative decimal with a point ("61.42857143", "100", "133.8").
pub(crate) fn decimal(b: &[u8]) -> Option<Decimal> {
    if b.is_empty() || b.len() > 25 {
        return None;
    }
    let mut mantissa: i128 = 0;
    let mut scale = 0u32;
    let mut seen_point = false;
    let mut any_digit = false;
    for &x in b {
        match x {
            b'0'..=b'9' => {
                mantissa = mantissa
                    .checked_mul(10)?
                    .checked_add(i128::from(x.wrapping_sub(b'0')))?;
                any_digit = true;
                if seen_point {
                    scale = scale.checked_add(1)?;
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => return None,
        }
    }
    if !any_digit || b.last() == Some(&b'.') {
        return None;
    }
    Decimal::try_from_i128_with_scale(mantissa, scale).ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(count(b"0"), Some(0));
        assert_eq!(count(b"123456789"), Some(123_456_789));
        assert_eq!(count(b"1234567890"), None);
        assert_eq!(count(b"-3"), None);
        assert_eq!(count(b""), None);
        assert_eq!(decimal(b"61.42857143").unwrap().to_string(), "61.42857143");
        assert_eq!(decimal(b"100.00").unwrap().to_string(), "100.00");
        assert_eq!(decimal(b"1."), None);
        assert_eq!(decimal(b"."), None);
        assert_eq!(decimal(b"1.2.3"), None);
        assert_eq!(four_digits(b"0301"), Some(301));
        assert_eq!(four_digits(b"301"), None);
    }

    #[test]
    fn quoted_fields() {
        let mut v = Vec::new();
        split(br#"a;"b;c";"d""e""#, &mut v).unwrap();
        assert_eq!(v.len(), 3);
        assert_eq!(&*v[1], b"b;c");
        assert_eq!(&*v[2], b"d\"e");
        assert!(split(br#"a;"b"#, &mut v).is_err());
    }
}
