//! Scanning text for a few ASCII bytes, sixteen bytes at a time. The escapers and the
//! line-break test look at every string of every plan, and most strings hold none of
//! the bytes they look for.

/// The first position from `from` that is not inside a whole 16-byte block free of
/// bytes `flag` marks: what is skipped needs no look. The test of a block has no early
/// exit (the `|` fold), so the compiler turns it into vector code; `matches!` or `any`
/// would not be.
#[inline]
pub(crate) fn skip_unflagged(bytes: &[u8], from: usize, flag: impl Fn(u8) -> bool) -> usize {
    let mut i = from;
    while let Some(block) = bytes.get(i..).and_then(<[u8]>::first_chunk::<16>) {
        if block.iter().fold(false, |any, &b| any | flag(b)) {
            break;
        }
        i += 16;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::skip_unflagged;

    #[test]
    fn stops_at_the_block_that_holds_a_flagged_byte() {
        let flag = |b: u8| b == b'&';
        let s = "0123456789abcdef0123456789&bcdef012";
        assert_eq!(skip_unflagged(s.as_bytes(), 0, flag), 16);
        assert_eq!(skip_unflagged(s.as_bytes(), 3, flag), 19);
        assert_eq!(skip_unflagged(b"no flag, short", 0, flag), 0);
        assert_eq!(skip_unflagged(&[b'a'; 40], 0, flag), 32);
        assert_eq!(skip_unflagged(&[b'a'; 40], 40, flag), 40);
    }
}
