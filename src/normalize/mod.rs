//! Turns a [`RawArticle`] into a [`Document`], one concern at a time, in this
//! order: characters (NFC, spaces, invisible characters), header lines of
//! plain text (title, dek, byline, date), broken paragraphs and pull-quotes,
//! trailing debris, the end tagline, then date, language and id. Entities are
//! found afterwards, by [`crate::entities`].

pub mod author;
pub mod text;

use crate::date;
use crate::error::IngestErrorKind;
use crate::model::{Document, RawArticle};
use author::{parse_byline, parse_tagline, same_person};
use text::{clean_chars, collapse_ws, is_debris, repair_breaks, strip_debris};

/// Header lines of plain text are at most this many words.
const HEADER_WORDS: usize = 35;

fn clean_field(s: Option<String>) -> Option<String> {
    s.map(|s| collapse_ws(&clean_chars(&s)))
        .filter(|s| !s.is_empty())
}

/// Returns the document for `raw`, read from `path`, or why it has no text.
pub fn normalize(raw: RawArticle, path: &str) -> Result<Document, IngestErrorKind> {
    let mut title = clean_field(raw.title);
    let mut description = clean_field(raw.description);
    let mut source = clean_field(raw.source);
    let mut date_text = clean_field(raw.date);
    let mut authors: Vec<String> = Vec::new();
    for a in raw.authors {
        let a = collapse_ws(&clean_chars(&a));
        match parse_byline(&a) {
            Some(b) => authors.extend(b.names),
            None if !a.is_empty() => authors.push(a),
            None => {}
        }
    }
    let mut affiliation = clean_field(raw.affiliation);
    let mut prov = raw.provenance.clone();
    let mut paras: Vec<String> = raw
        .paragraphs
        .iter()
        .map(|p| collapse_ws(&clean_chars(p)))
        .filter(|p| !p.is_empty())
        .collect();

    if raw.has_header_lines {
        let had = (
            title.is_some(),
            !authors.is_empty(),
            source.is_some(),
            date_text.is_some(),
        );
        // A page's first paragraph is never its title; a text file's first
        // line is.
        let title_line = raw.format != "html";
        take_header(
            &mut paras, title_line, &mut title, &mut description, &mut authors, &mut source,
            &mut date_text,
        );
        let found = |had: bool, now: bool, slot: &mut Option<String>, how: &str| {
            if !had && now {
                *slot = Some(how.to_string());
            }
        };
        found(had.0, title.is_some(), &mut prov.title, "first line");
        found(had.1, !authors.is_empty(), &mut prov.authors, "byline");
        found(had.2, source.is_some(), &mut prov.source, "byline");
        found(had.3, date_text.is_some(), &mut prov.date, "dateline");
    }
    text::repair_hyphenation(&mut paras);
    if raw.format == "html" {
        paras.retain(|p| !text::is_page_boilerplate(p));
    }
    let (paras, pull_quotes) = repair_breaks(paras);
    let mut paras = strip_debris(paras);

    let mut tagline = None;
    for back in 1..=2.min(paras.len()) {
        let i = paras.len() - back;
        if let Some(t) = parse_tagline(&paras[i]) {
            if authors.is_empty() {
                authors.push(t.name.clone());
                prov.authors = Some("tagline".into());
            }
            if authors.iter().any(|a| same_person(a, &t.name)) && affiliation.is_none() {
                affiliation = Some(t.affiliation.clone());
            }
            tagline = Some(paras.remove(i));
            break;
        }
    }
    // Debris may sit between the text and a tagline.
    while paras.last().is_some_and(|p| is_debris(p)) {
        paras.pop();
    }
    if paras.is_empty() {
        return Err(IngestErrorKind::NoText);
    }
    let body = paras.join("\n\n");
    let title = match title {
        Some(t) => t,
        None => {
            prov.title = Some("file name".into());
            title_from_path(path)
        }
    };
    let mut date = date_text.as_deref().and_then(date::parse_loose);
    if date.is_none() {
        prov.date = None;
        date = date_in_file_name(path);
        if date.is_some() {
            prov.date = Some("file name".into());
        }
    }
    let declared = raw.lang.as_deref().and_then(lang_code);
    prov.lang = Some(
        if declared.is_some() {
            "declared"
        } else {
            "detected"
        }
        .into(),
    );
    let lang = declared.or_else(|| detect_lang(&body));
    if lang.is_none() {
        prov.lang = None;
    }
    dedup(&mut authors);
    if authors.is_empty() {
        prov.authors = None;
    }
    if source.is_none() {
        prov.source = None;
    }
    Ok(Document {
        id: content_id(&title, &body),
        path: path.to_string(),
        record: raw.record,
        format: raw.format.to_string(),
        title,
        description,
        authors,
        affiliation,
        date: date.map(|d| d.to_string()),
        source,
        url: clean_field(raw.url),
        lang,
        body,
        tagline,
        pull_quotes,
        entities: Vec::new(),
        provenance: prov,
        also_at: Vec::new(),
    })
}

/// Takes the title, dek, byline and date lines off the top of plain text.
fn take_header(
    paras: &mut Vec<String>,
    title_line: bool,
    title: &mut Option<String>,
    description: &mut Option<String>,
    authors: &mut Vec<String>,
    source: &mut Option<String>,
    date_text: &mut Option<String>,
) {
    if title_line
        && title.is_none()
        && paras
            .first()
            .is_some_and(|p| p.split_whitespace().count() <= HEADER_WORDS)
    {
        *title = Some(paras.remove(0));
    }
    // Look at the next few short lines for a byline and a date; short lines
    // before the last of those are the dek.
    let mut last_header = None;
    for (i, p) in paras.iter().enumerate().take(4) {
        if p.split_whitespace().count() > HEADER_WORDS {
            break;
        }
        if let Some(b) = parse_byline(p) {
            if authors.is_empty() {
                authors.extend(b.names);
            }
            if source.is_none() {
                *source = b.source;
            }
            last_header = Some(i);
        } else if p.split_whitespace().count() <= 8 && date::parse_loose(p).is_some() {
            if date_text.is_none() {
                *date_text = Some(p.clone());
            }
            last_header = Some(i);
        }
    }
    // On a web page, the lines before a byline are the article's own
    // (the standfirst comes from the metadata); in copied text they are a dek.
    if !title_line {
        if let Some(last) = last_header {
            let mut i = 0;
            paras.retain(|p| {
                let header_line = parse_byline(p).is_some()
                    || (p.split_whitespace().count() <= 8 && date::parse_loose(p).is_some());
                let keep = i > last || !header_line;
                i += 1;
                keep
            });
        }
        return;
    }
    if let Some(last) = last_header {
        let dek: Vec<String> = paras
            .drain(..=last)
            .filter(|p| {
                parse_byline(p).is_none()
                    && !(p.split_whitespace().count() <= 8 && date::parse_loose(p).is_some())
            })
            .collect();
        if description.is_none() && !dek.is_empty() {
            *description = Some(dek.join(" "));
        }
    }
}

/// A `YYYY-MM-DD` (or `YYYY_MM_DD`) date in the file name, as analysts
/// often name saved articles.
fn date_in_file_name(path: &str) -> Option<chrono::NaiveDate> {
    let name = std::path::Path::new(path).file_name()?.to_str()?;
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let s = &name.get(i..i + 10)?;
        let ok = s.bytes().enumerate().all(|(j, b)| match j {
            4 | 7 => b == b'-' || b == b'_',
            _ => b.is_ascii_digit(),
        });
        let boundary = i == 0 || !bytes[i - 1].is_ascii_digit();
        if ok && boundary {
            date::parse_loose(&s.replace('_', "-"))
        } else {
            None
        }
    })
}

fn dedup(names: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.to_lowercase()));
}

/// Returns a title made from the file name ("china-russia_ties.txt" →
/// "china russia ties").
fn title_from_path(path: &str) -> String {
    let stem = std::path::Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    collapse_ws(&stem.replace(['-', '_'], " "))
}

/// Returns the id of a document: a hash of its title and body with case,
/// punctuation and spacing folded, so the same article saved twice (even
/// with curly instead of straight quotes) gets the same id.
pub fn content_id(title: &str, body: &str) -> String {
    // The words go into one buffer hashed at once: the same bytes as
    // hashing word by word, without a hasher call (and a lower-case copy)
    // per word.
    let mut buf: Vec<u8> = Vec::with_capacity(title.len() + body.len() + 2);
    for part in [title, body] {
        for word in part
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if word.is_ascii() {
                buf.extend(word.bytes().map(|b| b.to_ascii_lowercase()));
            } else {
                buf.extend_from_slice(word.to_lowercase().as_bytes());
            }
            buf.push(b' ');
        }
        buf.push(b'\n');
    }
    blake3::hash(&buf).to_hex()[..16].to_string()
}

/// Returns the primary language subtag of a declared language ("en-GB" → "en").
fn lang_code(declared: &str) -> Option<String> {
    let primary = declared
        .trim()
        .split(['-', '_'])
        .next()?
        .to_ascii_lowercase();
    (primary.len() >= 2 && primary.len() <= 3 && primary.bytes().all(|b| b.is_ascii_alphabetic()))
        .then_some(primary)
}

/// True if the first 200 words of `text` are at least a quarter English
/// function words: English, without asking the (much slower) trigram
/// detector. Other languages never come near that share.
fn plainly_english(text: &str) -> bool {
    const FUNCTION_WORDS: &[&str] = &[
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "in",
        "is", "it", "its", "not", "of", "on", "or", "that", "the", "their", "this", "to", "was",
        "which", "with",
    ];
    let (mut words, mut function) = (0, 0);
    for w in text.split_whitespace().take(200) {
        words += 1;
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        function += usize::from(FUNCTION_WORDS.contains(&w.to_ascii_lowercase().as_str()));
    }
    words >= 40 && function * 4 >= words
}

/// Detects the language of `text`; returns an ISO 639-1 code where one
/// exists, else ISO 639-3.
fn detect_lang(text: &str) -> Option<String> {
    if plainly_english(text) {
        return Some("en".into());
    }
    // A thousand characters tell the language as well as the whole text.
    let sample: String = text.chars().take(1000).collect();
    let info = whatlang::detect(&sample)?;
    // Short or mixed texts get a guess whatlang itself calls unreliable:
    // better no language than a wrong one.
    if !info.is_reliable() {
        return None;
    }
    use whatlang::Lang::*;
    let two = match info.lang() {
        Eng => "en",
        Deu => "de",
        Fra => "fr",
        Spa => "es",
        Ita => "it",
        Por => "pt",
        Nld => "nl",
        Pol => "pl",
        Rus => "ru",
        Ukr => "uk",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Ara => "ar",
        Tur => "tr",
        Swe => "sv",
        Dan => "da",
        Fin => "fi",
        Ces => "cs",
        Heb => "he",
        Hin => "hi",
        Pes => "fa",
        Ell => "el",
        Hun => "hu",
        Ron => "ro",
        Vie => "vi",
        Ind => "id",
        Nob => "nb",
        other => return Some(other.code().to_string()),
    };
    Some(two.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_article(s: &str) -> RawArticle {
        RawArticle {
            format: "text",
            paragraphs: text::paragraphs(s),
            has_header_lines: true,
            ..Default::default()
        }
    }

    #[test]
    fn header_lines_and_tagline() {
        let raw = text_article(
            "The Title Here\n\nA dek that explains\n\nBy Eleanor Vance\n\nMarch 14, 2024\n\n\
             Body paragraph one is here and it is long enough.\n\n\
             Ms. Vance is a senior fellow at the Kestrel Institute.\n\nShare this:\n",
        );
        let d = normalize(raw, "x.txt").unwrap();
        assert_eq!(d.title, "The Title Here");
        assert_eq!(d.description.as_deref(), Some("A dek that explains"));
        assert_eq!(d.authors, vec!["Eleanor Vance"]);
        assert_eq!(d.date.as_deref(), Some("2024-03-14"));
        assert_eq!(d.body, "Body paragraph one is here and it is long enough.");
        assert_eq!(
            d.affiliation.as_deref(),
            Some("a senior fellow at the Kestrel Institute")
        );
        assert!(d.tagline.unwrap().starts_with("Ms. Vance"));
    }

    #[test]
    fn date_from_file_name_only_as_fallback() {
        let mut raw = text_article("Title\n\nBody text that is long enough to keep.\n");
        let d = normalize(raw.clone(), "/x/2023-06-02-arctic.txt").unwrap();
        assert_eq!(d.date.as_deref(), Some("2023-06-02"));
        raw.date = Some("March 3, 2024".into());
        assert_eq!(
            normalize(raw, "/x/2023-06-02-arctic.txt")
                .unwrap()
                .date
                .as_deref(),
            Some("2024-03-03")
        );
        assert_eq!(date_in_file_name("/x/report-12023-06-02.txt"), None);
    }

    #[test]
    fn same_content_same_id() {
        assert_eq!(
            content_id("China’s Move", "A “b”."),
            content_id("China's move", "a \"b\"")
        );
        assert_ne!(content_id("China", "a b"), content_id("China", "a c"));
        // The bytes hashed are those of hashing word by word, lower-cased
        // as `str::to_lowercase` does (final sigma included), so ids made
        // before stay the same.
        let by_word = |title: &str, body: &str| {
            let mut h = blake3::Hasher::new();
            for part in [title, body] {
                for word in part
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                {
                    h.update(word.to_lowercase().as_bytes());
                    h.update(b" ");
                }
                h.update(b"\n");
            }
            h.finalize().to_hex()[..16].to_string()
        };
        for (t, b) in [
            ("ΟΔΥΣΣΕΥΣ Returns", "İstanbul, Zürich — NATO’s “move”."),
            ("", ""),
        ] {
            assert_eq!(content_id(t, b), by_word(t, b));
        }
    }

    #[test]
    fn english_is_told_fast_and_other_languages_are_not_taken_for_it() {
        let en = "The alliance has held for a decade, but the question now is whether it can \
                  survive a second crisis in the strait. It is not the first time that the \
                  allies have been tested, and it will not be the last one of its kind.";
        assert!(plainly_english(en));
        assert_eq!(detect_lang(en).as_deref(), Some("en"));
        let de = "Die Bundesregierung hat am Dienstag beschlossen, die Mittel für die \
                  Verteidigung zu erhöhen. Der Kanzler sagte, dass die Lage in Europa eine \
                  neue Antwort verlange und die Partner sich darauf verlassen könnten.";
        assert!(!plainly_english(de));
        assert_eq!(detect_lang(de).as_deref(), Some("de"));
    }

    #[test]
    fn empty_body_is_an_error() {
        let raw = text_article("Only a title\n");
        assert!(matches!(
            normalize(raw, "x.txt"),
            Err(IngestErrorKind::NoText)
        ));
    }
}
