//! Character- and paragraph-level repair of article text: invisible and
//! non-breaking characters, hard-wrapped lines, paragraphs split mid-sentence,
//! pull-quotes dropped inside a sentence, and blog debris at the end.

use unicode_normalization::UnicodeNormalization;

/// Returns `text` in NFC with non-breaking and exotic spaces made plain,
/// zero-width characters, soft hyphens and control characters removed, and
/// line endings made `\n`. Curly quotes are kept: the index tokenizer treats
/// them like straight ones.
pub fn clean_chars(text: &str) -> String {
    // Most text is NFC already: composing it again is a third of the work.
    let nfc: Box<dyn Iterator<Item = char>> =
        match unicode_normalization::is_nfc_quick(text.chars()) {
            unicode_normalization::IsNormalized::Yes => Box::new(text.chars()),
            _ => Box::new(text.nfc()),
        };
    let mut out = String::with_capacity(text.len());
    let mut chars = nfc.peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{00A0}'
            | '\u{2007}'
            | '\u{202F}'
            | '\u{2000}'..='\u{200A}'
            | '\u{3000}'
            | '\u{205F}'
            | '\u{1680}' => out.push(' '),
            '\u{2028}' | '\u{2029}' | '\u{0085}' => out.push('\n'),
            '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            // Bidi controls can reorder what a terminal shows.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Collapses runs of white space to one space and trims the ends.
pub fn collapse_ws(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Marks a word broken by a hyphen at a line end ("inter-⏎national")
/// until [`repair_hyphenation`] decides with the whole text at hand.
pub const HYPHEN_BREAK: char = '\u{E000}';

/// Lines of at most this many words, all of them, form a list (menu items,
/// share buttons, related titles) rather than a wrapped paragraph.
const LIST_LINE_WORDS: usize = 8;

/// Splits text into paragraphs at blank lines; lines inside a paragraph are
/// joined (hard-wrapped text), except in a block of very short lines, where
/// each line stands alone. A word hyphenated across a line break is joined
/// with a [`HYPHEN_BREAK`] mark.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    let flush = |block: &mut Vec<&str>, out: &mut Vec<String>| {
        // Wrapped prose continues on lower-case lines; list items do not.
        let continued = block
            .iter()
            .skip(1)
            .filter(|l| l.starts_with(char::is_lowercase))
            .count();
        let list = block.len() >= 2
            && continued * 2 < block.len() - 1
            && block
                .iter()
                .all(|l| l.split_whitespace().count() <= LIST_LINE_WORDS);
        if list {
            out.extend(block.iter().map(|l| collapse_ws(l)));
        } else if !block.is_empty() {
            let mut current = String::new();
            for line in block.iter() {
                let hyphen_join = current.ends_with('-')
                    && current[..current.len() - 1].ends_with(char::is_alphabetic)
                    && line.starts_with(char::is_lowercase);
                if hyphen_join {
                    current.pop();
                    current.push(HYPHEN_BREAK);
                } else if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(line);
            }
            out.push(collapse_ws(&current));
        }
        block.clear();
    };
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut block, &mut out);
        } else {
            block.push(line);
        }
    }
    flush(&mut block, &mut out);
    out.retain(|p| !p.is_empty());
    out
}

/// Resolves words hyphenated across line breaks using the text itself:
/// "inter-⏎national" becomes "international" if the text uses that word
/// elsewhere; otherwise the hyphen stays ("long-range"), because text
/// wrapped on screen breaks lines at real hyphens, not inside words.
pub fn repair_hyphenation(paras: &mut [String]) {
    if !paras.iter().any(|p| p.contains(HYPHEN_BREAK)) {
        return;
    }
    let words: std::collections::HashSet<String> = paras
        .iter()
        .flat_map(|p| {
            p.split(|c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        ',' | '.' | ';' | ':' | '!' | '?' | '"' | '(' | ')' | '“' | '”'
                    )
            })
        })
        .filter(|w| !w.contains(HYPHEN_BREAK))
        .map(|w| w.to_lowercase())
        .collect();
    for p in paras.iter_mut() {
        if !p.contains(HYPHEN_BREAK) {
            continue;
        }
        let fixed: Vec<String> = p
            .split(' ')
            .map(|w| {
                let Some(i) = w.find(HYPHEN_BREAK) else {
                    return w.to_string();
                };
                let (left, right) = (&w[..i], &w[i + HYPHEN_BREAK.len_utf8()..]);
                let core = |s: &str| {
                    s.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                };
                let joined = format!("{left}{right}");
                let hyphened = format!("{left}-{right}");
                if words.contains(&core(&joined)) && !words.contains(&core(&hyphened)) {
                    joined
                } else {
                    hyphened
                }
            })
            .collect();
        *p = fixed.join(" ");
    }
}

/// Returns true if `p` ends a sentence (or is a complete unit such as a
/// quotation or a list item ending in punctuation).
fn ends_sentence(p: &str) -> bool {
    let p = p.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', '_']);
    p.ends_with(['.', '!', '?', '…', ':', ';'])
}

fn starts_lowercase(p: &str) -> bool {
    p.chars().next().is_some_and(char::is_lowercase)
}

fn starts_uppercase(p: &str) -> bool {
    p.trim_start_matches(['"', '“', '‘', '\''])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// Rejoins paragraphs that copying split mid-sentence, and lifts out a short
/// pull-quote dropped between the two halves of a sentence. Returns the
/// repaired paragraphs and the pull-quotes.
pub fn repair_breaks(paras: Vec<String>) -> (Vec<String>, Vec<String>) {
    let mut out: Vec<String> = Vec::with_capacity(paras.len());
    let mut quotes = Vec::new();
    let mut i = 0;
    while i < paras.len() {
        let p = &paras[i];
        if let Some(prev) = out.last_mut() {
            let open = !ends_sentence(prev) && prev.split_whitespace().count() >= 4;
            if open && starts_lowercase(p) {
                prev.push(' ');
                prev.push_str(p);
                i += 1;
                continue;
            }
            // prev … | Quote. | … rest: the middle one is a pull-quote.
            let next_continues = paras.get(i + 1).is_some_and(|n| starts_lowercase(n));
            if open
                && next_continues
                && starts_uppercase(p)
                && ends_sentence(p)
                && p.split_whitespace().count() <= 40
            {
                quotes.push(p.clone());
                prev.push(' ');
                prev.push_str(&paras[i + 1]);
                i += 2;
                continue;
            }
        }
        out.push(p.clone());
        i += 1;
    }
    (out, quotes)
}

/// Lines that only ever appear as page or blog chrome, compared in lower
/// case with trailing punctuation removed.
const DEBRIS_EXACT: &[&str] = &[
    "comments", "comment", "popular posts from this blog", "popular posts", "share this", "share",
    "like this", "like loading", "loading", "related", "related posts", "related articles",
    "related stories", "subscribe", "read more", "newer post", "older post",
    "newer post older post", "home", "leave a comment", "leave a reply", "post a comment",
    "no comments", "tweet", "print", "email", "advertisement", "recommended",
    "more from this author", "you may also like", "back to top", "share this article",
    "share this story", "twitter", "facebook", "linkedin", "reddit", "whatsapp", "telegram",
    "pinterest", "tumblr", "pocket", "more", "x",
];

/// Prefixes of debris lines (lower case).
const DEBRIS_PREFIX: &[&str] = &[
    "labels:", "tags:", "filed under", "posted by ", "©", "(c) ", "copyright ", "share on ",
    "click to share", "follow us", "sign up for", "subscribe to", "all rights reserved",
    "this entry was posted", "categories:", "permalink", "share this", "like this", "like loading",
];

/// Headings of a comment thread: comments may be long, so these cut the
/// text even before the last long paragraph (in the last third).
const COMMENT_STARTS: &[&str] = &[
    "comments", "leave a reply", "leave a comment", "post a comment",
];

/// Headings after which everything is comments or recommendations.
const SECTION_STARTS: &[&str] = &[
    "comments", "related", "popular posts from this blog", "popular posts", "leave a reply",
    "leave a comment", "post a comment", "related posts", "related articles", "related stories",
    "you may also like", "more from this author", "recommended",
];

fn debris_key(p: &str) -> String {
    p.trim()
        .trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '…')
        .to_lowercase()
}

/// Starts of short lines that web pages put inside or right after the
/// article: cross-links, subscription pitches, app and social prompts,
/// photo credits (lower case).
const PAGE_BOILERPLATE: &[&str] = &[
    "read more:", "read more ", "read also:", "also read:", "related:", "see also:",
    "you might also like", "you may also like", "more from ", "recommended:", "auch interessant",
    "lesen sie auch", "mehr zum thema", "das könnte sie auch interessieren", "lire aussi",
    "à lire aussi", "leer más", "lee también", "subscribe now", "subscribe to our",
    "subscribe for", "sign up for", "sign up to", "click here to subscribe", "follow us on",
    "follow the ", "download the ", "download our app", "get the app", "to view the full story",
    "if you’re seeing this message", "if you're seeing this message", "first-time subscribers",
    "already a subscriber", "advertisement", "anzeige", "photo:", "foto:", "image:", "bild:",
    "credit:", "photo credit", "beitragsbild", "warning: ", "share this", "share on ",
    "do you want to be informed", "submit your letter", "send us a letter", "newsletter",
    "all rights reserved", "for the latest stories", "for the latest news",
    "this article is the copyrighted", "written permission must", "this post contains references",
    "this post may contain", "this article contains affiliate", "entdecken sie jetzt",
    "mehr kolumnen", "disclaimer:",
];

/// Returns true if a short paragraph of a web page is page boilerplate
/// rather than article text.
pub fn is_page_boilerplate(p: &str) -> bool {
    if p.split_whitespace().count() > 30 {
        return false;
    }
    let lower = p.trim().to_lowercase();
    const ANYWHERE: &[&str] = &[
        "copyrighted property", "is not responsible for the opinions", "all rights reserved",
        "download the app",
    ];
    PAGE_BOILERPLATE.iter().any(|b| lower.starts_with(b))
        || ANYWHERE.iter().any(|b| lower.contains(b))
        || is_debris(p)
}

/// Returns true if the paragraph is blog or platform chrome.
pub fn is_debris(p: &str) -> bool {
    if p.split_whitespace().count() > 15 {
        return false;
    }
    let key = debris_key(p);
    let lower = p.trim().to_lowercase();
    DEBRIS_EXACT.contains(&key.as_str())
        || DEBRIS_PREFIX.iter().any(|d| lower.starts_with(d))
        || key.ends_with(" comments") && key.split_whitespace().count() == 2
}

/// Removes trailing chrome: a comments, related or "popular posts" section
/// found in the run of short lines after the last real paragraph (or a
/// comment thread in the last third), then any run of debris lines at the
/// end.
pub fn strip_debris(mut paras: Vec<String>) -> Vec<String> {
    let is_start = |p: &String| SECTION_STARTS.contains(&debris_key(p).as_str());
    let short_run = paras
        .iter()
        .rposition(|p| p.split_whitespace().count() > 15)
        .map_or(0, |i| i + 1);
    let last_third = paras.len() - paras.len() / 3;
    let cut = (short_run..paras.len())
        .find(|&i| is_start(&paras[i]))
        .or_else(|| {
            (last_third..paras.len())
                .find(|&i| COMMENT_STARTS.contains(&debris_key(&paras[i]).as_str()))
        });
    if let Some(cut) = cut {
        paras.truncate(cut);
    }
    while paras.last().is_some_and(|p| is_debris(p)) {
        paras.pop();
    }
    paras
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters() {
        let s = clean_chars("a\u{00A0}b\u{200B}c\u{00AD}d\r\ne\u{1b}[31m");
        assert_eq!(s, "a bcd\ne[31m");
    }

    #[test]
    fn hard_wrapped_lines_join() {
        let mut p = paragraphs(
            "one two three four five six seven\nthree inter-\nnational long-\nrange\n\n  next  para ",
        );
        repair_hyphenation(&mut p);
        assert_eq!(
            p,
            vec![
                "one two three four five six seven three inter-national long-range",
                "next para"
            ]
        );
        let mut p = paragraphs(
            "The international order and long-range fires matter a great deal to us\nall: inter-\nnational and long-\nrange.",
        );
        repair_hyphenation(&mut p);
        assert_eq!(
            p,
            vec![
                "The international order and long-range fires matter a great deal to us all: international and long-range."
            ]
        );
    }

    #[test]
    fn short_line_blocks_stay_lines() {
        assert_eq!(
            paragraphs("Share this:\nTwitter\nFacebook"),
            vec!["Share this:", "Twitter", "Facebook"]
        );
    }

    #[test]
    fn split_sentence_and_pull_quote() {
        let paras = vec![
            "They conducted exercises in Asia, Europe,".to_string(),
            "the Middle East and Africa. They".to_string(),
            "Xi and Putin have their differences.".to_string(),
            "have also conducted numerous training missions.".to_string(),
            "## A heading".to_string(),
            "Next paragraph.".to_string(),
        ];
        let (out, quotes) = repair_breaks(paras);
        assert_eq!(
            out[0],
            "They conducted exercises in Asia, Europe, the Middle East and Africa. \
             They have also conducted numerous training missions."
        );
        assert_eq!(quotes, vec!["Xi and Putin have their differences."]);
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn page_boilerplate() {
        assert!(is_page_boilerplate("Read more: Looted colonial art"));
        assert!(is_page_boilerplate(
            "Subscribe now to our eNATION edition for the full story."
        ));
        assert!(!is_page_boilerplate("Follow-up talks are planned for May."));
        assert!(!is_page_boilerplate(&format!(
            "Read more {}",
            "words ".repeat(40)
        )));
    }

    #[test]
    fn debris_at_the_end_only() {
        let paras: Vec<String> = [
            "Comments matter to democracy.", "Body text here.", "Share this:", "Like this:",
            "Comments", "Popular posts from this blog",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let out = strip_debris(paras);
        assert_eq!(
            out,
            vec!["Comments matter to democracy.", "Body text here."]
        );
    }
}
