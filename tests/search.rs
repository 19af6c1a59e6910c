//! Searching the bundled corpus: query language, filters, order, exit codes.

use std::collections::HashSet;

use crate::util::{ids, pundit, search_json, shared_index, slice_chars};

fn total(q: &str) -> u64 {
    search_json(&[q])["total"].as_u64().unwrap()
}

fn set(q: &[&str]) -> HashSet<String> {
    ids(&search_json(q)).into_iter().collect()
}

#[test]
fn phrase_and_keywords_return_different_sets() {
    let phrase = set(&["\"no limits\""]);
    let words = set(&["no limits"]);
    assert!(!phrase.is_empty());
    assert!(phrase.is_subset(&words), "every phrase hit has both words");
    assert!(
        words.len() > phrase.len(),
        "some articles have the words apart"
    );
    // Every phrase hit shows the phrase, together, in a snippet.
    for h in search_json(&["\"no limits\""])["hits"].as_array().unwrap() {
        let shown: Vec<String> = h["snippets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["text"].as_str().unwrap().to_lowercase())
            .collect();
        assert!(shown.iter().any(|s| s.contains("no limits")), "{shown:?}");
    }
}

#[test]
fn seed_article_is_found_by_its_phrase() {
    let v = search_json(&["\"no limits\""]);
    let paths: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"corpus/000_ec8f37e1091fcbbc.txt"),
        "{paths:?}"
    );
}

#[test]
fn stemming_and_case() {
    assert_eq!(total("missiles"), total("missile"));
    assert_eq!(total("MISSILE"), total("missile"));
    assert!(total("missile") > 0);
}

#[test]
fn curly_and_straight_apostrophes_are_equivalent() {
    assert!(total("China's") > 0);
    assert_eq!(set(&["China's"]), set(&["China’s"]));
    assert_eq!(set(&["“no limits”"]), set(&["\"no limits\""]));
}

#[test]
fn boolean_operators() {
    let taiwan = set(&["taiwan"]);
    let arctic = set(&["arctic"]);
    let both = set(&["taiwan arctic"]);
    assert_eq!(both, set(&["taiwan AND arctic"]));
    assert_eq!(both, &taiwan & &arctic);
    assert_eq!(set(&["taiwan OR arctic"]), &taiwan | &arctic);
    assert_eq!(set(&["taiwan -arctic"]), &taiwan - &arctic);
    assert_eq!(set(&["taiwan NOT arctic"]), &taiwan - &arctic);
    assert_eq!(set(&["(taiwan OR arctic) -taiwan"]), &arctic - &taiwan);
    assert!(!(&taiwan - &arctic).is_empty() && !both.is_empty());
}

#[test]
fn html_clutter_is_not_searchable() {
    // "Gerald Finch" only comments, "Advertisement" is hidden, "Kashmir"
    // only appears in related-story lists.
    assert_eq!(total("Gerald"), 0);
    assert_eq!(total("Advertisement"), 0);
    assert_eq!(total("Kashmir"), 0);
}

#[test]
fn field_prefixes() {
    let v = search_json(&["title:arctic"]);
    assert!(v["total"].as_u64().unwrap() > 0);
    for h in v["hits"].as_array().unwrap() {
        assert!(
            h["title"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("arctic")
        );
    }
    assert!(total("title:arctic") < total("arctic"));
    let v = search_json(&["author:vance"]);
    assert!(v["total"].as_u64().unwrap() >= 2);
    for h in v["hits"].as_array().unwrap() {
        let authors = h["authors"].to_string();
        assert!(authors.contains("Vance"), "{authors}");
    }
    let v = search_json(&["source:\"Bastion Quarterly\" tariffs"]);
    for h in v["hits"].as_array().unwrap() {
        assert_eq!(h["source"], "Bastion Quarterly");
    }
    let v = search_json(&["entity:\"Xi Jinping\""]);
    assert!(v["total"].as_u64().unwrap() > 3);
}

#[test]
fn filters() {
    let v = search_json(&["sanctions", "--author", "Daniel Okafor"]);
    assert!(v["total"].as_u64().unwrap() >= 2);
    for h in v["hits"].as_array().unwrap() {
        assert!(
            h["authors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "Daniel Okafor")
        );
    }
    let v = search_json(&["china", "--source", "The Harbor Review"]);
    assert!(v["total"].as_u64().unwrap() >= 2);
    for h in v["hits"].as_array().unwrap() {
        assert_eq!(h["source"], "The Harbor Review");
    }
    let v = search_json(&["sanctions", "--entity", "Russia", "--entity", "China"]);
    assert!(v["total"].as_u64().unwrap() > 0);
    for h in v["hits"].as_array().unwrap() {
        let names: Vec<&str> = h["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["name"].as_str().unwrap())
            .collect();
        assert!(
            names.contains(&"Russia") && names.contains(&"China"),
            "{names:?}"
        );
    }
    let filtered = search_json(&["sanctions", "--entity", "Russia", "--entity", "China"])["total"]
        .as_u64()
        .unwrap();
    assert!(
        filtered < total("sanctions"),
        "the filter removes some hits"
    );
}

#[test]
fn date_filters_and_ranges() {
    let v = search_json(&["china", "--since", "2024", "--until", "2024-06"]);
    assert!(v["total"].as_u64().unwrap() > 0);
    for h in v["hits"].as_array().unwrap() {
        let d = h["date"]
            .as_str()
            .expect("a date filter excludes undated documents");
        assert!(("2024-01-01"..="2024-06-30").contains(&d), "{d}");
    }
    let v = search_json(&["sanctions date:[2023-01-01 TO 2023-12-31]"]);
    assert!(v["total"].as_u64().unwrap() > 0);
    for h in v["hits"].as_array().unwrap() {
        let d = h["date"].as_str().unwrap();
        assert!(d.starts_with("2023"), "{d}");
    }
    assert_eq!(
        set(&["sanctions date:2023"]),
        set(&["sanctions date:[2023-01-01 TO 2023-12-31]"])
    );
    assert_eq!(
        set(&["sanctions", "--since", "2023", "--until", "2023"]),
        set(&["sanctions date:2023"])
    );
}

#[test]
fn sort_by_date_is_newest_first() {
    let v = search_json(&["russia", "--sort", "date"]);
    let dates: Vec<Option<&str>> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str())
        .collect();
    assert!(dates.len() > 5);
    let dated: Vec<&str> = dates.iter().map_while(|d| *d).collect();
    assert!(dated.windows(2).all(|w| w[0] >= w[1]), "{dated:?}");
    // Undated documents come last.
    assert!(
        dates[dated.len()..].iter().all(Option::is_none),
        "{dates:?}"
    );
    assert_eq!(set(&["russia", "--sort", "date"]), set(&["russia"]));
}

#[test]
fn paging_with_offset() {
    let all = ids(&search_json(&["russia"]));
    let page = |offset: &str| {
        let out = pundit()
            .arg("--index")
            .arg(shared_index().join("ix"))
            .args([
                "search", "russia", "--format", "json", "--limit", "3", "--offset", offset,
            ])
            .output()
            .unwrap();
        ids(&serde_json::from_slice(&out.stdout).unwrap())
    };
    assert_eq!(page("0"), all[0..3]);
    assert_eq!(page("3"), all[3..6]);
}

#[test]
fn highlights_land_on_query_words() {
    let v = search_json(&["sanctions OR \"price cap\" OR Taiwan"]);
    assert!(v["total"].as_u64().unwrap() > 3);
    for h in v["hits"].as_array().unwrap() {
        for s in h["snippets"].as_array().unwrap() {
            let text = s["text"].as_str().unwrap();
            for r in s["highlights"].as_array().unwrap() {
                let (a, b) = (
                    r[0].as_u64().unwrap() as usize,
                    r[1].as_u64().unwrap() as usize,
                );
                let word = slice_chars(text, a, b).to_lowercase();
                assert!(
                    word.starts_with("sanction") || word == "price cap" || word == "taiwan",
                    "{word:?} in {text:?}"
                );
            }
        }
    }
}

#[test]
fn exit_codes() {
    let ix = shared_index().join("ix");
    pundit()
        .arg("--index")
        .arg(&ix)
        .args(["search", "russia"])
        .assert()
        .code(0);
    pundit()
        .arg("--index")
        .arg(&ix)
        .args(["search", "zyzzyvaquux"])
        .assert()
        .code(1);
    pundit()
        .arg("--index")
        .arg(&ix)
        .args(["search", "(russia"])
        .assert()
        .code(2);
    pundit()
        .arg("--index")
        .arg(&ix)
        .args(["search", "russia", "--since", "last week"])
        .assert()
        .code(2);
    let empty = tempfile::TempDir::new().unwrap();
    let out = pundit()
        .arg("--index")
        .arg(empty.path().join("none"))
        .args(["search", "russia"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no index at"));
}

#[test]
fn bad_query_says_what_and_where() {
    let out = pundit()
        .arg("--index")
        .arg(shared_index().join("ix"))
        .args(["search", "china \"no limits"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("column 7") && err.contains("unclosed quote"),
        "{err}"
    );
    assert!(err.contains("\n        ^"), "caret under the quote: {err}");
    let err = pundit()
        .arg("--index")
        .arg(shared_index().join("ix"))
        .args(["search", "colour:red"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&err.stderr).contains("unknown field 'colour:'"));
}

#[test]
fn pretty_output_marks_matches_with_and_without_colour() {
    let ix = shared_index().join("ix");
    let plain = pundit()
        .arg("--index")
        .arg(&ix)
        .args(["search", "\"no limits\"", "--color", "never"])
        .output()
        .unwrap();
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(
        plain.contains("**no limits**") && !plain.contains('\u{1b}'),
        "{plain}"
    );
    let color = pundit()
        .arg("--index")
        .arg(&ix)
        .args(["search", "\"no limits\"", "--color", "always"])
        .output()
        .unwrap();
    let color = String::from_utf8(color.stdout).unwrap();
    assert!(color.contains("\u{1b}[") && !color.contains("**no limits**"));
    // Not a terminal: auto means no colour.
    let auto = pundit()
        .arg("--index")
        .arg(&ix)
        .args(["search", "\"no limits\""])
        .output()
        .unwrap();
    assert!(!String::from_utf8(auto.stdout).unwrap().contains('\u{1b}'));
}

#[test]
fn csv_output() {
    let out = pundit()
        .arg("--index")
        .arg(shared_index().join("ix"))
        .args(["search", "taiwan", "--format", "csv", "--limit", "4"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "id", "path", "title", "authors", "date", "source", "score", "snippet"
        ]
    );
    let recs: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(recs.len(), 4);
    assert!(recs.iter().all(|r| r[7].to_lowercase().contains("taiwan")));
}

#[test]
fn absurd_limits_and_offsets_are_harmless() {
    let ix = shared_index().join("ix");
    pundit()
        .arg("--index")
        .arg(&ix)
        .args(["search", "russia", "-n", "18446744073709551615"])
        .assert()
        .code(0);
    let out = pundit()
        .arg("--index")
        .arg(&ix)
        .args([
            "search", "russia", "--offset", "18446744073709551615", "--format", "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["hits"].as_array().unwrap().len(), 0);
    assert!(v["total"].as_u64().unwrap() > 0);
}

#[test]
fn scripting_flags_count_ids_fields_and_snippet_sizes() {
    let ix = crate::util::shared_index().join("ix");
    let run = |args: &[&str]| {
        let out = pundit()
            .arg("--index")
            .arg(&ix)
            .arg("search")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let all = search_json(&["arctic"]);
    let total = all["total"].as_u64().unwrap();
    // --count: the number alone, the same as the JSON total.
    let (code, out, _) = run(&["arctic", "--count"]);
    assert_eq!(code, Some(0));
    assert_eq!(out.trim().parse::<u64>().unwrap(), total);
    let (code, out, _) = run(&["zzqqxx", "--count"]);
    assert_eq!((code, out.trim()), (Some(1), "0"));
    // --ids: one id per line, in hit order, each one `show` finds.
    let (_, out, _) = run(&["arctic", "--ids", "-n", "3"]);
    let ids: Vec<&str> = out.lines().collect();
    let want: Vec<&str> = all["hits"].as_array().unwrap()[..3]
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, want);
    pundit()
        .arg("--index")
        .arg(&ix)
        .args(["show", ids[0]])
        .assert()
        .success();
    // --fields trims JSON Lines and CSV.
    let (_, out, _) = run(&["arctic", "--format", "jsonl", "--fields", "title,date,path"]);
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["date", "path", "title"]);
    }
    let (_, out, _) = run(&["arctic", "--format", "csv", "--fields", "id,score"]);
    assert_eq!(out.lines().next(), Some("id,score"));
    let (code, _, err) = run(&["arctic", "--format", "json", "--fields", "title,nonsense"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("unknown field \"nonsense\""), "{err}");
    // --snippets and --snippet-chars.
    let v = search_json(&["arctic", "--snippets", "1", "--snippet-chars", "60"]);
    for h in v["hits"].as_array().unwrap() {
        let snips = h["snippets"].as_array().unwrap();
        assert_eq!(snips.len(), 1);
        // Cut at a word boundary near the width, plus the ellipses.
        assert!(snips[0]["text"].as_str().unwrap().chars().count() <= 90);
    }
    let v = search_json(&["arctic", "--snippets", "0"]);
    assert!(
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["snippets"] == serde_json::json!([]))
    );
}

/// Runs `pundit --index <shared index> ARGS`.
fn on_shared(args: &[&str]) -> std::process::Output {
    pundit()
        .arg("--index")
        .arg(crate::util::shared_index().join("ix"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn timeline_counts_equal_the_hits_per_period() {
    let ix = crate::util::shared_index().join("ix");
    let out = on_shared(&[
        "timeline", "sanctions OR arctic", "--by", "year", "--format", "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let t: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let all = search_json(&["sanctions OR arctic"]);
    assert_eq!(t["total"], all["total"]);
    let mut dated = 0;
    let periods = t["periods"].as_array().unwrap();
    assert!(periods.len() >= 2);
    for p in periods {
        let year = p["period"].as_str().unwrap();
        let hits = search_json(&[&format!("(sanctions OR arctic) date:{year}")]);
        assert_eq!(p["count"], hits["total"], "{year}");
        dated += p["count"].as_u64().unwrap();
    }
    assert_eq!(
        dated + t["undated"].as_u64().unwrap(),
        t["total"].as_u64().unwrap()
    );
    // Months fill the gaps between dated matches with zeros.
    let out = on_shared(&[
        "timeline", "sanctions OR arctic", "--by", "month", "--format", "csv",
    ]);
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv.lines().next(), Some("period,count"));
    assert!(csv.lines().any(|l| l.ends_with(",0")));
    // The chart fits the width it is given.
    let out = pundit()
        .arg("--index")
        .arg(&ix)
        .env("COLUMNS", "50")
        .args(["timeline", "sanctions OR arctic", "--by", "year"])
        .output()
        .unwrap();
    let chart = String::from_utf8(out.stdout).unwrap();
    assert!(
        chart.lines().skip(1).all(|l| l.chars().count() <= 50),
        "{chart}"
    );
    assert!(chart.contains('█'));
}

#[test]
fn prefix_fuzzy_and_boosted_words() {
    // A prefix finds every word that starts so, and marks each.
    let pre = search_json(&["sanct*"]);
    assert!(
        pre["total"].as_u64().unwrap() >= search_json(&["sanctions"])["total"].as_u64().unwrap()
    );
    let marked: Vec<String> = pre["hits"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|h| h["snippets"].as_array().unwrap().clone())
        .flat_map(|s| {
            let text = s["text"].as_str().unwrap().to_string();
            s["highlights"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let (a, b) = (
                        r[0].as_u64().unwrap() as usize,
                        r[1].as_u64().unwrap() as usize,
                    );
                    crate::util::slice_chars(&text, a, b).to_lowercase()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        !marked.is_empty() && marked.iter().all(|m| m.starts_with("sanct")),
        "{marked:?}"
    );
    // One typo away finds what the right spelling finds, and marks it.
    let fuzzy = search_json(&["Pyongyng~1"]);
    assert_eq!(fuzzy["total"], search_json(&["Pyongyang"])["total"]);
    assert_eq!(search_json(&["Pyongyng"])["total"], 0);
    // A boost multiplies a clause's score and keeps its matches.
    let plain = search_json(&["title:taiwan"]);
    let boosted = search_json(&["title:taiwan^2"]);
    assert_eq!(plain["total"], boosted["total"]);
    let (a, b) = (
        plain["hits"][0]["score"].as_f64().unwrap(),
        boosted["hits"][0]["score"].as_f64().unwrap(),
    );
    assert!((b - 2.0 * a).abs() < 1e-3 * a, "{a} {b}");
    // Mistakes are told where they are.
    for (q, says) in [
        ("sa*", "a prefix is at least 3"),
        ("Pyongyang~3", "0, 1 or 2 typos"),
        ("taiwan^x", "a boost is a number"),
    ] {
        let out = pundit()
            .arg("--index")
            .arg(crate::util::shared_index().join("ix"))
            .args(["search", q])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{q}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(says), "{q}");
    }
}

#[test]
fn similar_finds_articles_on_the_same_subject_and_not_itself() {
    let out = on_shared(&[
        "similar", "corpus/000_ec8f37e1091fcbbc.txt", "-n", "5", "--format", "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 5);
    assert!(v["query"].as_str().unwrap().starts_with("similar:"));
    let seed_id = v["query"].as_str().unwrap().trim_start_matches("similar:");
    assert!(
        hits.iter()
            .all(|h| h["id"] != seed_id && !h["path"].as_str().unwrap().contains("000_"))
    );
    // Another take on the "no limits" partnership is among the closest.
    assert!(
        hits.iter()
            .any(|h| h["title"].as_str().unwrap().contains("No Limits")),
        "{hits:?}"
    );
    // A file of several articles needs one of them named.
    let out = on_shared(&["similar", "corpus/exports/feed-2023.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("FILE#N"));
}

#[test]
fn proximity_phrases_mark_only_words_standing_together() {
    let v = search_json(&["\"china russia\"~3"]);
    let mut pairs = 0;
    for h in v["hits"].as_array().unwrap() {
        for s in h["snippets"].as_array().unwrap() {
            let text = s["text"].as_str().unwrap();
            let marks: Vec<String> = s["highlights"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let (a, b) = (
                        r[0].as_u64().unwrap() as usize,
                        r[1].as_u64().unwrap() as usize,
                    );
                    crate::util::slice_chars(text, a, b).to_lowercase()
                })
                .collect();
            // Never a lone word of the phrase: china, russia, china, russia…
            assert_eq!(marks.len() % 2, 0, "{marks:?} in {text}");
            for pair in marks.chunks(2) {
                assert_eq!(pair, ["china", "russia"], "{text}");
                pairs += 1;
            }
        }
    }
    assert!(pairs > 0);
}

#[test]
fn a_prefix_finds_words_the_index_stems_shorter() {
    // "missile" is indexed as the stem "missil": the prefix must still
    // find "missiles".
    let pre = search_json(&["missile*"]);
    assert!(
        pre["total"].as_u64().unwrap() >= search_json(&["missiles"])["total"].as_u64().unwrap()
    );
    assert!(pre["total"].as_u64().unwrap() > 0);
}

#[test]
fn not_only_queries_work_within_a_filter_or_a_path() {
    let ukraine = set(&["ukraine"]);
    let russia = set(&["russia"]);
    // Only "not russia", among the articles about Ukraine.
    let not_russia = set(&["-russia", "--entity", "Ukraine"]);
    let about_ukraine = set(&["the OR a OR of", "--entity", "Ukraine"]);
    assert!(!not_russia.is_empty());
    assert_eq!(not_russia, &about_ukraine - &russia);
    assert!(not_russia.is_subset(&(&about_ukraine | &ukraine)));
    // And within a PATH.
    let out = pundit()
        .arg("--index")
        .arg(shared_index().join("ix"))
        .args([
            "search", "NOT russia", "corpus/markdown", "--format", "json", "-n", "100",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| h["path"].as_str().unwrap().starts_with("corpus/markdown/"))
    );
    assert!(
        hits.iter()
            .all(|h| !russia.contains(h["id"].as_str().unwrap()))
    );
}

#[test]
fn a_title_only_match_is_marked_in_the_title_and_shows_the_lead() {
    let v = search_json(&["title:bletchley"]);
    let h = &v["hits"][0];
    let title = h["title"].as_str().unwrap();
    let marks = h["title_highlights"].as_array().unwrap();
    assert_eq!(marks.len(), 1);
    let (a, b) = (
        marks[0][0].as_u64().unwrap() as usize,
        marks[0][1].as_u64().unwrap() as usize,
    );
    assert_eq!(slice_chars(title, a, b), "Bletchley");
    // The body does not say "Bletchley": its lead stands in, unmarked.
    let snips = h["snippets"].as_array().unwrap();
    assert_eq!(snips.len(), 1);
    assert!(snips[0]["highlights"].as_array().unwrap().is_empty());
    assert!(!snips[0]["text"].as_str().unwrap().starts_with('…'));
}

#[test]
fn a_title_match_outranks_body_matches() {
    // The best hit for a word that some titles carry has it in its title.
    let v = search_json(&["arctic"]);
    let top = v["hits"][0]["title"].as_str().unwrap().to_lowercase();
    assert!(top.contains("arctic"), "{top}");
}
