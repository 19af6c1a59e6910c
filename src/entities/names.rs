//! Word lists the rules around the tagger need: titles and roles that come
//! before a person's name, months and weekdays, and generic party words.

/// Titles, honorifics and roles before a person's name; the words of
/// multi-word titles ("Interior Minister", "Attorney General") too.
/// Sorted (checked by a test).
const PERSON_TITLES: &[&str] = &[
    "Adm", "Adm.", "Administrator", "Admiral", "Amb.", "Ambassador", "Analyst", "Assemblyman",
    "Assemblywoman", "Attorney", "Ayatollah", "Bishop", "Brig.", "Brigadier", "Brother", "CEO",
    "Capt", "Capt.", "Captain", "Cardinal", "Chair", "Chairman", "Chairwoman", "Chancellor",
    "Chief", "Cmdr.", "Coach", "Col", "Col.", "Colonel", "Commander", "Commissioner", "Comrade",
    "Congressman", "Congresswoman", "Councillor", "Councilman", "Councilmember", "Councilor",
    "Councilwoman", "Cpl.", "Dame", "Dean", "Deputy", "Det.", "Detective", "Director", "Dr", "Dr.",
    "Emir", "Envoy", "Executive", "Father", "Fr.", "Gen", "Gen.", "General", "Gov", "Gov.",
    "Governor", "Imam", "Inspector", "Judge", "Justice", "King", "Lady", "Lieutenant", "Lord",
    "Lt", "Lt.", "Madam", "Maj", "Maj.", "Major", "Manager", "Marshal", "Mayor", "Minister", "Mr",
    "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Officer", "Pastor", "Pope", "Premier", "President",
    "Prime", "Prince", "Princess", "Private", "Prof", "Prof.", "Professor", "Prosecutor", "Queen",
    "Rabbi", "Rep", "Rep.", "Representative", "Rev", "Rev.", "Reverend", "Secretary",
    "Secretary-General", "Sen", "Sen.", "Senator", "Sergeant", "Sgt", "Sgt.", "Sheikh", "Sheriff",
    "Sir", "Sister", "Speaker", "Spokesman", "Spokesperson", "Spokeswoman", "Superintendent",
    "Supt.", "Trooper", "Vice",
];

/// True if `w` is a title, honorific or role word.
pub fn is_title(w: &str) -> bool {
    PERSON_TITLES.binary_search(&w).is_ok()
}

/// Month and weekday names and abbreviations, sorted (checked by a test).
const MONTHS_DAYS: &[&str] = &[
    "Apr", "April", "Aug", "August", "Dec", "December", "Feb", "February", "Fri", "Friday", "Jan",
    "January", "Jul", "July", "Jun", "June", "Mar", "March", "May", "Mon", "Monday", "Nov",
    "November", "Oct", "October", "Sat", "Saturday", "Sep", "Sept", "September", "Sun", "Sunday",
    "Thu", "Thursday", "Tue", "Tuesday", "Wed", "Wednesday",
];

/// True for a month or weekday name.
pub fn is_calendar(w: &str) -> bool {
    MONTHS_DAYS.binary_search(&w.trim_end_matches('.')).is_ok()
}

/// Religions, ethnic and social groups and their adjectives: written with
/// a capital, never an entity here ("Jewish", "Hispanic", "Muslims").
/// Sorted (checked by a test).
const GROUPS: &[&str] = &[
    "African-American", "African-Americans", "Anglican", "Anglicans", "Arab", "Arabs",
    "Asian-American", "Asian-Americans", "Baptist", "Baptists", "Black", "Blacks", "Buddhist",
    "Buddhists", "Catholic", "Catholics", "Christian", "Christians", "Evangelical", "Evangelicals",
    "Hindu", "Hindus", "Hispanic", "Hispanics", "Indigenous", "Islamic", "Islamist", "Islamists",
    "Jew", "Jewish", "Jews", "Latina", "Latinas", "Latino", "Latinos", "Latinx", "Lutheran",
    "Methodist", "Mormon", "Mormons", "Muslim", "Muslims", "Native", "Orthodox", "Protestant",
    "Protestants", "Shia", "Shiite", "Shiites", "Sikh", "Sikhs", "Sunni", "Sunnis", "Victorian",
    "White", "Whites",
];

/// True if every word of a name is a group word ("Jewish",
/// "African-American").
pub fn is_group(name: &str) -> bool {
    // Every group word is one word of at most 16 letters.
    if name.len() > 16 || name.contains(' ') {
        return false;
    }
    if GROUPS.binary_search(&name).is_ok() {
        return true;
    }
    !name.is_empty()
        && name
            .split([' ', '-'])
            .all(|w| GROUPS.binary_search(&w).is_ok() || matches!(w, "American" | "Americans"))
        && name != "American"
        && name != "Americans"
}

/// True if a name is made only of generic party words ("Democrats",
/// "Social Democrats", "the Conservatives"): many countries have one, so
/// such an alias names a bundled party only when the article confirms it.
pub fn is_generic_party(name: &str) -> bool {
    name.split_whitespace().all(|w| {
        matches!(
            w,
            "the"
                | "The"
                | "Social"
                | "Christian"
                | "Free"
                | "Liberal"
                | "Liberals"
                | "Democrats"
                | "Democrat"
                | "Democratic"
                | "Republican"
                | "Republicans"
                | "Conservative"
                | "Conservatives"
                | "Greens"
                | "Green"
                | "Labour"
                | "Labor"
                | "Socialists"
                | "Socialist"
                | "Tories"
                | "Tory"
                | "Party"
                | "People's"
                | "Popular"
                | "National"
                | "Nationalists"
                | "Progressives"
                | "Progressive"
        )
    })
}

/// Last words that make a name an organisation ("… Department of Public
/// Health" is one when it grows out of "Chicago").
pub fn is_org_word(w: &str) -> bool {
    matches!(
        w,
        "Institute"
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
            | "Corp."
            | "Inc."
            | "Ltd"
            | "LLC"
            | "LLP"
            | "Group"
            | "Company"
            | "Association"
            | "Foundation"
            | "Center"
            | "Centre"
            | "Journal"
            | "Times"
            | "Post"
            | "News"
            | "Press"
            | "Herald"
            | "Tribune"
            | "Service"
            | "Office"
            | "Bureau"
            | "Authority"
            | "Administration"
            | "Health"
            | "Development"
            | "Electric"
            | "Board"
            | "Court"
            | "Union"
            | "Alliance"
            | "League"
            | "Society"
            | "Museum"
            | "Hospital"
            | "Police"
            | "Network"
            | "Federation"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted() {
        assert!(PERSON_TITLES.windows(2).all(|w| w[0] < w[1]));
        assert!(MONTHS_DAYS.windows(2).all(|w| w[0] < w[1]));
        assert!(GROUPS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_group("Jewish") && is_group("African-American") && !is_group("American"));
    }

    #[test]
    fn generic_party_names() {
        assert!(is_generic_party("Social Democrats") && is_generic_party("Democrats"));
        assert!(!is_generic_party("SPD") && !is_generic_party("Civic Democrats"));
    }
}
