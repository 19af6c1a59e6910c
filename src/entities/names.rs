//! Words, and the rules that say which capitalised words are names: titles
//! and honorifics, connectors inside names, designations of weapons and
//! platforms, and the capitalised words that are never names on their own.

/// True if the word starts with a capital letter.
pub fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Titles and honorifics before a person's name; a name after one of them
/// is a person. Multi-word titles end in one of these words. Sorted
/// (checked by a test).
pub const PERSON_TITLES: &[&str] = &[
    "Adm", "Adm.", "Admiral", "Amb.", "Ambassador", "Analyst", "Assemblyman", "Attorney", "Author",
    "Ayatollah", "Bishop", "Brother", "CEO", "Capt", "Capt.", "Captain", "Cardinal", "Cartoonist",
    "Chair", "Chairman", "Chairwoman", "Chancellor", "Chief", "Coach", "Col", "Col.", "Colonel",
    "Commissioner", "Comrade", "Congressman", "Congresswoman", "Councilman", "Councilwoman",
    "Crown", "Dame", "Dean", "Defence", "Defense", "Deputy", "Detective", "Director", "Dr", "Dr.",
    "Economist", "Emir", "Engineer", "Envoy", "Father", "Field", "Finance", "Foreign", "Founder",
    "Gen", "Gen.", "General", "Gov", "Gov.", "Governor", "Imam", "Inspector", "Judge", "Justice",
    "King", "Lady", "Leader", "Lieutenant", "Lord", "Lt", "Lt.", "Maj", "Maj.", "Major", "Marshal",
    "Mayor", "Minister", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Officer", "Pastor", "Pope",
    "Premier", "President", "Prime", "Prince", "Princess", "Prof", "Prof.", "Professor", "Queen",
    "Rabbi", "Rep", "Rep.", "Representative", "Rev.", "Reverend", "Secretary", "Secretary-General",
    "Sen", "Sen.", "Senator", "Sergeant", "Sgt", "Sgt.", "Sheikh", "Sheriff", "Sir", "Sister",
    "Speaker", "Spokesman", "Spokesperson", "Spokeswoman", "Supreme", "Trooper", "Vice",
];

/// True if `w` is a title or honorific word.
pub fn is_title(w: &str) -> bool {
    capitalised(w) && PERSON_TITLES.binary_search(&w).is_ok()
}

/// Lower-case words allowed inside a multi-word name.
pub fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "for"
            | "and"
            | "the"
            | "de"
            | "du"
            | "des"
            | "la"
            | "le"
            | "al"
            | "bin"
            | "van"
            | "von"
            | "der"
            | "den"
            | "on"
            | "&"
            | "y"
            | "da"
            | "dos"
            | "ibn"
    )
}

/// Capitalised words that are never names on their own: function words
/// that start sentences, headings' and boilerplate words, weekdays and
/// months, generic institutions and adjectives of no one place.
pub fn is_common(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    capitalised(w) && (COMMON.binary_search(&w).is_ok() || MONTHS_DAYS.binary_search(&w).is_ok())
}

/// Month and weekday names and abbreviations, sorted (checked by a test).
const MONTHS_DAYS: &[&str] = &[
    "Apr", "April", "Aug", "August", "Dec", "December", "Feb", "February", "Friday", "Jan",
    "January", "Jul", "July", "Jun", "June", "Mar", "March", "May", "Monday", "Nov", "November",
    "Oct", "October", "Saturday", "Sep", "Sept", "September", "Sunday", "Thursday", "Tuesday",
    "Wednesday",
];

/// True for a month or weekday name.
pub fn is_calendar(w: &str) -> bool {
    capitalised(w) && MONTHS_DAYS.binary_search(&w.trim_end_matches('.')).is_ok()
}

/// Sorted (checked by a test).
const COMMON: &[&str] = &[
    "A", "AI", "AM", "About", "Above", "Accept", "According", "Across", "Add", "Administration",
    "Advertisement", "African", "After", "Again", "Against", "Agency", "Agreement", "Ahead",
    "Alas", "All", "Alliance", "Allied", "Allies", "Almost", "Alone", "Along", "Already", "Also",
    "Although", "Always", "Among", "An", "Analysis", "Analysts", "And", "Another", "Any", "Anyone",
    "Anything", "Arab", "Are", "Army", "Around", "Article", "As", "Asian", "Ask", "Assembly",
    "Association", "At", "Author", "Authority", "Back", "Bank", "Be", "Because", "Before",
    "Behind", "Being", "Below", "Benchmark", "Besides", "Better", "Between", "Beyond", "Big",
    "Board", "Both", "Briefly", "Buddhist", "Bureau", "But", "By", "CEO", "CPU", "Cabinet", "Call",
    "Can", "Capital", "Catholic", "Center", "Central", "Centre", "Chapter", "Chief", "Christian",
    "Christmas", "Click", "Coalition", "Cold", "Coming", "Command", "Comment", "Comments",
    "Commission", "Committee", "Communist", "Company", "Compare", "Conference", "Conservative",
    "Consider", "Constitution", "Contact", "Container", "Copyright", "Could", "Council", "Court",
    "Critics", "Crucially", "Daily", "Day", "Dear", "Democracy", "Democratic", "Department",
    "Despite", "Did", "Do", "Does", "Domestic", "Done", "Down", "During", "EV", "Each", "Earlier",
    "Early", "East", "Easter", "Eastern", "Economic", "Editor", "Editorial", "Either", "Else",
    "Email", "Embassy", "Emperor", "Empire", "End", "Engineering", "Enough", "European", "Even",
    "Ever", "Every", "Everyone", "Everything", "Except", "Experts", "FAQ", "Facebook", "Fact",
    "Far", "Federal", "Few", "Fifth", "Figure", "Finally", "First", "Five", "Follow", "For",
    "Force", "Forces", "Foreign", "Former", "Foundation", "Four", "Fourth", "Free", "From", "Fund",
    "Further", "Furthermore", "GDP", "GMT", "GPU", "General", "Given", "Global", "Go", "Good",
    "Government", "Great", "Group", "Guard", "Gulf", "Had", "Half", "Has", "Have", "Having", "He",
    "Hence", "Her", "Here", "Hers", "High", "Him", "Hindu", "His", "History", "Home", "House",
    "How", "However", "I", "ICBM", "II", "III", "IV", "If", "Image", "Imagine", "Imperial", "In",
    "Indeed", "Indigenous", "Initially", "Initiative", "Inside", "Instead", "Institute",
    "Internet", "Into", "Is", "Islamic", "It", "Its", "Jewish", "Just", "Keep", "Key", "LNG",
    "Large", "Last", "Late", "Later", "Latest", "Latin", "Law", "Lawmakers", "Leader", "Leaders",
    "Least", "Less", "Let", "Liberal", "Like", "Likewise", "Little", "Local", "Long", "Look",
    "Lower", "Main", "Major", "Many", "Marxist", "Maybe", "Me", "Meanwhile", "Might", "Military",
    "Minister", "Ministerial", "Ministers", "Ministry", "More", "Moreover", "Most", "Mostly",
    "Much", "Muslim", "Must", "My", "NGO", "National", "Native", "Naval", "Navy", "Near", "Nearly",
    "Neither", "Never", "Nevertheless", "New", "News", "Next", "No", "Nobody", "None",
    "Nonetheless", "Nor", "Nordic", "North", "Northern", "Not", "Note", "Nothing", "Now",
    "Nuclear", "OK", "Of", "Off", "Office", "Officials", "Often", "Oh", "Old", "On", "Once", "One",
    "Only", "Opinion", "Or", "Orthodox", "Other", "Others", "Our", "Out", "Outside", "Over",
    "Overall", "PDF", "PM", "Page", "Parliament", "Parliamentary", "Part", "Party", "Per",
    "Perhaps", "Photo", "Plan", "Plus", "Policy", "Political", "Popular", "Post", "Posted",
    "Premier", "President", "Presidential", "Presidents", "Previously", "Prime", "Print",
    "Program", "Programme", "Progressive", "Project", "Public", "Published", "Put", "Quite",
    "Ramadan", "Rather", "Read", "Really", "Recent", "Recently", "Regional", "Related", "Reply",
    "Report", "Republic", "Republican", "Right", "Roughly", "Royal", "Said", "Same", "Say",
    "Second", "Secretary", "Section", "See", "Senate", "Senators", "Senior", "Service", "Several",
    "Share", "She", "Shia", "Should", "Show", "Sign", "Sikh", "Similarly", "Since", "Six",
    "Slavic", "So", "Social", "Some", "Someone", "Something", "Soon", "Source", "Sources", "South",
    "Southern", "Special", "Start", "State", "States", "Step", "Still", "Strategic", "Strategy",
    "Subscribe", "Such", "Summit", "Sunni", "Supporters", "Supreme", "Sure", "TV", "Take", "Taken",
    "Technology", "Ten", "Than", "Thank", "Thanks", "That", "The", "Their", "Them", "Then",
    "There", "Therefore", "These", "They", "Think", "Third", "This", "Those", "Though", "Three",
    "Through", "Thus", "To", "Today", "Together", "Tomorrow", "Too", "Top", "Treasury", "Treaty",
    "True", "Trust", "Twitter", "Two", "UAV", "UTC", "Ultimately", "Under", "Union", "University",
    "Unless", "Unlike", "Until", "Up", "Update", "Updated", "Upon", "Us", "Very", "Via", "Video",
    "War", "Was", "We", "Well", "Were", "West", "Western", "What", "Whatever", "When", "Where",
    "Whether", "Which", "While", "White", "Who", "Whoever", "Why", "Will", "With", "Within",
    "Without", "World", "Worse", "Would", "Yes", "Yesterday", "Yet", "You", "Your",
];

/// Plural nouns whose possessive stays inside a name ("People's
/// Liberation Army", "Workers' Party").
pub fn possessive_in_name(w: &str) -> bool {
    matches!(
        w,
        "People"
            | "Workers"
            | "Women"
            | "Children"
            | "Veterans"
            | "Citizens"
            | "Farmers"
            | "Nations"
            | "Peoples"
    )
}

/// Last words that make a name an organisation.
pub fn is_org_word(w: &str) -> bool {
    matches!(
        w,
        "Institute"
            | "Institution"
            | "University"
            | "College"
            | "Academy"
            | "School"
            | "Ministry"
            | "Department"
            | "Council"
            | "Committee"
            | "Commission"
            | "Agency"
            | "Bank"
            | "Fund"
            | "Party"
            | "Corporation"
            | "Corp"
            | "Inc"
            | "Ltd"
            | "LLC"
            | "Group"
            | "Company"
            | "Association"
            | "Foundation"
            | "Center"
            | "Centre"
            | "Forum"
            | "Review"
            | "Journal"
            | "Times"
            | "Post"
            | "News"
            | "Press"
            | "Dispatch"
            | "Quarterly"
            | "Daily"
            | "Herald"
            | "Tribune"
            | "Gazette"
            | "Magazine"
            | "Service"
            | "Office"
            | "Bureau"
            | "Authority"
            | "Administration"
            | "Force"
            | "Forces"
            | "Army"
            | "Navy"
            | "Guard"
            | "Command"
            | "Court"
            | "Union"
            | "Alliance"
            | "Coalition"
            | "League"
            | "Front"
            | "Movement"
            | "Organization"
            | "Organisation"
            | "Board"
            | "Network"
            | "Labs"
            | "Systems"
            | "Industries"
            | "Holdings"
            | "Airlines"
            | "Partners"
            | "Capital"
            | "Congress"
            | "Assembly"
            | "Parliament"
            | "Senate"
            | "Cabinet"
            | "Brigade"
            | "Battalion"
            | "Regiment"
            | "Fleet"
            | "Corps"
            | "Police"
            | "Society"
            | "Trust"
            | "Club"
            | "Program"
            | "Programme"
            | "Project"
            | "Lab"
            | "Laboratory"
            | "Observatory"
            | "Monitor"
            | "Watch"
            | "Exchange"
            | "Markets"
            | "Energy"
            | "Shipping"
            | "Consulting"
            | "Media"
            | "Telegraph"
            | "Standard"
            | "Observer"
            | "Chronicle"
            | "Insider"
            | "Notes"
    )
}

/// Words that make a name a tracked thing (treaties, laws, strategies,
/// events).
pub fn is_misc_word(w: &str) -> bool {
    matches!(
        w,
        "Act"
            | "Treaty"
            | "Agreement"
            | "Accord"
            | "Accords"
            | "Doctrine"
            | "Strategy"
            | "Plan"
            | "Initiative"
            | "Summit"
            | "Conference"
            | "Dialogue"
            | "War"
            | "Operation"
            | "Exercise"
            | "Crisis"
            | "Revolution"
            | "Protocol"
            | "Convention"
            | "Declaration"
            | "Rule"
            | "Law"
            | "Bill"
            | "Memorandum"
            | "Communiqué"
            | "Compact"
            | "Pact"
            | "Framework"
            | "Review"
            | "Report"
            | "Index"
            | "Directive"
            | "Regulation"
            | "Deal"
            | "Games"
            | "Olympics"
            | "Cup"
            | "Election"
            | "Elections"
            | "Referendum"
            | "Uprising"
    )
}

/// Words that make a name a place.
pub fn is_place_word(w: &str) -> bool {
    matches!(
        w,
        "Island"
            | "Islands"
            | "Sea"
            | "Ocean"
            | "Strait"
            | "Straits"
            | "Gulf"
            | "Bay"
            | "River"
            | "Mountains"
            | "Mountain"
            | "Valley"
            | "Province"
            | "Region"
            | "Peninsula"
            | "Canal"
            | "Lake"
            | "City"
            | "County"
            | "Oblast"
            | "Prefecture"
            | "District"
            | "Port"
            | "Desert"
            | "Plateau"
            | "Basin"
            | "Shoal"
            | "Reef"
            | "Coast"
            | "Highlands"
            | "Square"
            | "Street"
            | "Avenue"
            | "Airport"
            | "Base"
            | "Bridge"
            | "Dam"
            | "Pass"
            | "Corridor"
            | "Territory"
            | "Territories"
            | "State"
            | "Republic"
            | "Emirate"
            | "Kingdom"
            | "Zone"
            | "Mount"
            | "Cape"
            | "Fort"
    )
}

/// Prepositions after which an unknown name is most likely a place.
pub fn is_place_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "near"
            | "over"
            | "across"
            | "from"
            | "to"
            | "off"
            | "outside"
            | "into"
            | "around"
            | "at"
            | "toward"
            | "towards"
            | "through"
    )
}

/// A model designation: "Tu-95", "F-35", "S-400", "Iskander-M",
/// "Hwasong-12", "MQ-9B"; a trailing plural "s" ("F-16s") is dropped.
pub fn designation(w: &str) -> Option<&str> {
    let w = match w.strip_suffix('s') {
        Some(stem) if stem.ends_with(|c: char| c.is_ascii_digit()) => stem,
        _ => w,
    };
    let (head, tail) = w.split_once('-')?;
    if head.is_empty() || tail.is_empty() || !head.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    if !head.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let tail_ok = tail.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let digits = tail.starts_with(|c: char| c.is_ascii_digit());
    // "Mid-2024", "Pre-2022" are years, not models.
    let year = tail.len() == 4
        && (tail.starts_with("19") || tail.starts_with("20"))
        && head.chars().skip(1).all(|c| c.is_lowercase());
    // "Iskander-M": a word and one capital letter.
    let letter = tail.len() == 1 && tail.chars().all(|c| c.is_ascii_uppercase()) && head.len() > 2;
    ((digits && !year) || letter)
        .then_some(w)
        .filter(|_| tail_ok && !is_common(head))
}

/// Words before a number that make a designation of it ("Type 096",
/// "Project 955").
pub fn is_designation_prefix(w: &str) -> bool {
    matches!(w, "Type" | "Project" | "Block" | "Model" | "Mark" | "Mk")
}

/// An acronym: two to eight capitals (digits and "&" allowed after the
/// first), like "CSIS", "AUKUS", "G20".
pub fn is_acronym(w: &str) -> bool {
    let n = w.chars().count();
    (2..=8).contains(&n)
        && w.starts_with(|c: char| c.is_ascii_uppercase())
        && w.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&')
        && w.chars().filter(char::is_ascii_uppercase).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_sorted() {
        assert!(
            COMMON.windows(2).all(|w| w[0] < w[1]),
            "COMMON must be sorted"
        );
    }

    #[test]
    fn designations() {
        for ok in [
            "Tu-95", "F-35", "S-400", "Iskander-M", "Hwasong-12", "MQ-9B", "F-16s",
        ] {
            assert!(designation(ok).is_some(), "{ok}");
        }
        for no in [
            "Mid-2024", "Russia-Ukraine", "Anglo-American", "Covid", "Pre-2022",
        ] {
            assert!(designation(no).is_none(), "{no}");
        }
        assert_eq!(designation("F-16s"), Some("F-16"));
    }
}
