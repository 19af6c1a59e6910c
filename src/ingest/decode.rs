//! Bytes → text: UTF-8 when it is, a byte-order mark when there is one, the
//! page's declared charset for HTML, and a detected legacy encoding
//! (chardetng) otherwise. Binary files are refused, not garbled.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::IngestErrorKind;

/// Decodes `bytes` to text and says which encoding was used and why:
/// `UTF-8`, `UTF-16LE (BOM)`, `windows-1252 (declared)`, `windows-1252
/// (detected)`.
pub fn decode(bytes: &[u8], html: bool) -> Result<(String, String), IngestErrorKind> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestErrorKind::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok((text.into_owned(), format!("{} (BOM)", enc.name())));
    }
    if looks_binary(bytes) {
        return Err(IngestErrorKind::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "UTF-8".into()));
    }
    let declared = if html { declared_charset(bytes) } else { None };
    let (enc, how) = match declared.filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE) {
        Some(e) => (e, "declared"),
        None => {
            let mut det = chardetng::EncodingDetector::new();
            det.feed(bytes, true);
            (det.guess(None, true), "detected")
        }
    };
    let (text, _, _) = enc.decode(bytes);
    Ok((text.into_owned(), format!("{} ({how})", enc.name())))
}

/// A NUL byte, or many control bytes, in the first 8 KiB means binary.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 20 > head.len()
}

/// The `charset` an HTML page declares in its first 4 KiB (`<meta
/// charset>`, `http-equiv` content type, or an XML prolog's `encoding`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = match head.find("charset=") {
        Some(i) => i + "charset=".len(),
        None => head.find("<?xml").and_then(|x| {
            head[x..]
                .find("encoding=")
                .map(|i| x + i + "encoding=".len())
        })?,
    };
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_detected() {
        // “Gazprom’s café” in Windows-1252.
        let bytes =
            b"\x93Gazprom\x92s caf\xe9\x94 and the \x80 price of gas in Z\xfcrich this winter";
        assert_eq!(
            decode(bytes, false).unwrap().0,
            "“Gazprom’s café” and the € price of gas in Zürich this winter"
        );
    }

    #[test]
    fn empty_and_binary() {
        assert!(matches!(
            decode(b"  \n", false),
            Err(IngestErrorKind::Empty)
        ));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", false),
            Err(IngestErrorKind::Binary)
        ));
    }

    #[test]
    fn declared_and_detected_are_recorded() {
        let page =
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html><body>caf\xe9</body></html>";
        let (text, how) = decode(page, true).unwrap();
        assert!(text.contains("café"));
        assert_eq!(how, "windows-1252 (declared)");
        assert_eq!(decode(b"plain", false).unwrap().1, "UTF-8");
    }

    #[test]
    fn utf16_with_bom() {
        let bytes = [0xFF, 0xFE, b'h', 0, b'i', 0];
        assert_eq!(decode(&bytes, false).unwrap().0, "hi");
    }
}
