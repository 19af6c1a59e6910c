use super::*;

fn run(text: &str) -> Vec<Entity> {
    Extractor::bundled().extract(None, &[text])
}

fn find<'a>(ents: &'a [Entity], name: &str) -> Option<&'a Entity> {
    ents.iter().find(|e| e.name == name)
}

#[test]
fn aliases_and_demonyms_merge_under_one_canonical_name() {
    let e = run("The U.S. and America's allies worry. US officials and Americans agree.");
    let us = find(&e, "United States").expect("United States");
    assert_eq!(us.count, 4);
    assert_eq!(us.kind, EntityType::Place);
    assert!(us.forms.contains(&"U.S.".to_string()) && us.forms.contains(&"Americans".to_string()));
    assert!(run("Let us go.").is_empty());
}

#[test]
fn titles_and_surnames_resolve_to_the_full_name() {
    let e =
        run("President Xi met Xi Jinping's aides. Later Xi left. Mr. Putin said Putin would come.");
    let xi = find(&e, "Xi Jinping").unwrap();
    assert_eq!(xi.count, 3);
    // Titles are not part of a name, nor of its forms.
    assert!(
        xi.forms.iter().all(|f| !f.contains("President")),
        "{:?}",
        xi.forms
    );
    assert_eq!(find(&e, "Vladimir Putin").unwrap().count, 2);
    // A person the gazetteer does not know: the bare surname later is them.
    let e = run("Marguerite Ellison wrote the report. In it, Ellison argued for ports.");
    let m = find(&e, "Marguerite Ellison").unwrap();
    assert_eq!((m.kind, m.count), (EntityType::Person, 2));
    assert!(find(&e, "Ellison").is_none());
}

#[test]
fn acronyms_defined_in_the_text_link_to_the_long_form() {
    let e = run(
        "The Baltic Maritime Research Council (BMRC) met. Later the BMRC said that ports matter.",
    );
    let b = find(&e, "Baltic Maritime Research Council").expect("long form");
    // The long form, the definition and the later use.
    assert_eq!((b.kind, b.count), (EntityType::Org, 3));
    assert!(b.forms.contains(&"BMRC".to_string()));
}

#[test]
fn unknown_names_are_found_by_rule() {
    let e = run(
        "Officials said the Iskander-M and Tu-95 bombers flew while the Type 096 sailed. \
         Gen. Tomasz Wierzbicki spoke to the Institute for Northern Security Studies in Aomori.",
    );
    for (name, kind) in [
        ("Iskander-M", EntityType::Misc),
        ("Tu-95", EntityType::Misc),
        ("Type 096", EntityType::Misc),
        ("Tomasz Wierzbicki", EntityType::Person),
        ("Institute for Northern Security Studies", EntityType::Org),
        ("Aomori", EntityType::Place),
    ] {
        let got = find(&e, name).unwrap_or_else(|| panic!("{name} missing from {e:?}"));
        assert_eq!(got.kind, kind, "{name}");
    }
}

#[test]
fn no_junk_from_sentence_starts_headings_months_or_titles_of_works() {
    let e = Extractor::bundled().extract(
        Some("Why the Alliance Matters Now"),
        &[
            "Comments",
            "Popular posts from this blog",
            "Instead, the ministers met on Monday in March. But nothing came of it.",
            "Mr. Jones is the author of “The Long Game: Power and Patience in the Pacific.”",
        ],
    );
    let names: Vec<&str> = e.iter().map(|e| e.name.as_str()).collect();
    for junk in [
        "Comments", "Popular", "Instead", "But", "Monday", "March", "Mr", "Mr.", "Alliance Matters",
    ] {
        assert!(!names.contains(&junk), "{junk} in {names:?}");
    }
    // A book's title may be named, as a work (MISC), never as an actor.
    for e in e
        .iter()
        .filter(|e| e.name.contains("Long Game") || e.name.contains("Patience"))
    {
        assert_eq!(e.kind, EntityType::Misc, "{e:?}");
    }
    let jones = find(&e, "Jones").expect("a titled surname is a person");
    assert_eq!(jones.kind, EntityType::Person);
    assert!(
        find(&e, "Pacific Ocean").is_some(),
        "gazetteer names still count in titles of works"
    );
}

#[test]
fn capitals_are_places_of_their_own() {
    let e = run("Beijing and Moscow view America with suspicion.");
    assert!(find(&e, "Beijing").is_some() && find(&e, "Moscow").is_some());
    assert!(find(&e, "China").is_none() && find(&e, "Russia").is_none());
}

#[test]
fn ordinary_words_and_definitions_win_over_capitals_and_the_gazetteer() {
    // "Theatre" is capitalised once but written in lower case elsewhere.
    let e = run("She moved to Theatre work. The theatre closed. Later she met Arshy Mann.");
    assert!(find(&e, "Theatre").is_none());
    assert!(find(&e, "Arshy Mann").is_some());
    // An acronym the article defines is not the gazetteer's acronym.
    let e = run("Bioimpedance Spectroscopy Unit (BIS) readings vary. The BIS is cheap.");
    assert!(
        find(&e, "Bureau of Industry and Security").is_none(),
        "{e:?}"
    );
    assert_eq!(find(&e, "Bioimpedance Spectroscopy Unit").unwrap().count, 3);
}

#[test]
fn only_the_gazetteer_outside_english() {
    let x = Extractor::bundled();
    let text = "Die Bundesregierung in Berlin prüft den Vorgang mit der Polizeiwache.";
    let e = x.extract_in(None, &[text], false, &[]);
    let names: Vec<&str> = e.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Berlin"]);
}

#[test]
fn names_end_before_parentheses_possessives_and_dates() {
    let e = run(
        "The Green Deal for Europe (GNDE) was debated. China's Sinopec signed. John Rankin Thursday said so.",
    );
    assert!(
        find(&e, "Sinopec").is_some() && find(&e, "China").is_some(),
        "{e:?}"
    );
    assert!(find(&e, "John Rankin").is_some(), "{e:?}");
    assert!(e.iter().all(|e| !e.name.contains('(')
        && !e.name.contains("Thursday")
        && !e.forms.iter().any(|f| f.contains("'s"))));
}

#[test]
fn a_tagline_surname_is_the_author() {
    let x = Extractor::bundled();
    let tagline = "Ms. Vance is a senior fellow at the Meridian Policy Institute.";
    let e = x.extract_in(None, &[tagline], true, &["Eleanor Vance"]);
    let v = find(&e, "Eleanor Vance").expect("the author");
    assert_eq!(v.forms, ["Vance"]);
    assert!(find(&e, "JD Vance").is_none());
    // Without the byline, the gazetteer's Vance stands.
    assert!(find(&x.extract(None, &[tagline]), "JD Vance").is_some());
}

#[test]
fn titles_and_roles_come_off_person_names() {
    let e = run(
        "Interior Minister Byron Camilleri met Administrator Jim Bridenstine. \
         Prime Minister John Major spoke later, and Major said the talks went well.",
    );
    for name in ["Byron Camilleri", "Jim Bridenstine", "John Major"] {
        let p = find(&e, name).unwrap_or_else(|| panic!("{name} missing from {e:?}"));
        assert_eq!(p.kind, EntityType::Person, "{name}");
    }
    assert_eq!(find(&e, "John Major").unwrap().count, 2, "{e:?}");
    assert!(
        e.iter()
            .all(|x| !x.name.contains("Minister") && !x.name.contains("Administrator")),
        "{e:?}"
    );
}

#[test]
fn a_full_name_claims_its_surname_before_the_gazetteer() {
    // "Jordan" is a country in the gazetteer; here it is Bill Jordan.
    let e =
        run("Bill Jordan runs the bakery on Elm Street. \"We stay open,\" Jordan said on Monday.");
    let j = find(&e, "Bill Jordan").unwrap_or_else(|| panic!("{e:?}"));
    assert_eq!((j.kind, j.count), (EntityType::Person, 2));
    assert!(find(&e, "Jordan").is_none(), "{e:?}");
    // A footballer named Folha is not the newspaper Folha de S.Paulo.
    let e = run("The winger Antonio Folha scored twice before Folha was substituted.");
    assert!(find(&e, "Folha de S.Paulo").is_none(), "{e:?}");
    assert_eq!(
        find(&e, "Antonio Folha").map(|x| x.kind),
        Some(EntityType::Person),
        "{e:?}"
    );
}

#[test]
fn parties_of_other_countries_stay_apart() {
    let e =
        run("Germany's SPD and the Czech Civic Democrats met Nigeria's Peoples Democratic Party.");
    assert!(find(&e, "Democratic Party").is_none(), "{e:?}");
    assert!(
        find(&e, "Social Democratic Party of Germany").is_some(),
        "SPD: {e:?}"
    );
    assert!(find(&e, "Peoples Democratic Party").is_some(), "{e:?}");
    // A generic party name alone does not become Germany's SPD.
    let e = run("In Stockholm, the Social Democrats stayed home.");
    assert!(
        find(&e, "Social Democratic Party of Germany").is_none(),
        "{e:?}"
    );
}

#[test]
fn datelines_are_places_and_shouting_is_read() {
    let x = Extractor::bundled();
    let e = x.extract(
        Some("SKIING - AUSTRIAN WINS DOWNHILL AT VAIL ."),
        &["VAIL, Colorado 1996-12-07 - Hermann Maier of Austria won the downhill on Saturday."],
    );
    let vail = find(&e, "Vail").unwrap_or_else(|| panic!("{e:?}"));
    assert_eq!(vail.kind, EntityType::Place);
    assert_eq!(
        find(&e, "Colorado").map(|c| c.kind),
        Some(EntityType::Place)
    );
    assert_eq!(
        find(&e, "Hermann Maier").map(|c| c.kind),
        Some(EntityType::Person),
        "{e:?}"
    );
    assert!(
        find(&e, "Saturday").is_none() && find(&e, "SKIING").is_none(),
        "{e:?}"
    );
    let e = run("LONDON (Reuters) - Shares in Lloyds fell on Tuesday.");
    assert_eq!(
        find(&e, "London").map(|c| c.kind),
        Some(EntityType::Place),
        "{e:?}"
    );
}

#[test]
fn one_type_per_name_by_vote() {
    let e = run(
        "Blue Origin launched again. Engineers at Blue Origin cheered, and Blue Origin \
         said it would fly in May. Its rival SpaceX watched.",
    );
    let b = find(&e, "Blue Origin").unwrap_or_else(|| panic!("{e:?}"));
    assert_eq!(b.count, 3);
    assert_ne!(b.kind, EntityType::Person);
    assert_eq!(e.iter().filter(|x| x.name == "Blue Origin").count(), 1);
}

#[test]
fn user_lists_override_the_tagger() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("mine.tsv");
    std::fs::write(&list, "Kestrel Nine\tMISC\tK9\n").unwrap();
    let x = Extractor::with_files(&[list.as_path()]).unwrap();
    let e = x.extract(
        None,
        &["Dr. Kestrel Nine was never a person: the K9 is a drone."],
    );
    let k = find(&e, "Kestrel Nine").unwrap_or_else(|| panic!("{e:?}"));
    assert_eq!((k.kind, k.count), (EntityType::Misc, 2), "{e:?}");
}
