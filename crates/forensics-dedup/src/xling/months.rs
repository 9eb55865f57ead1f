//! Month names as data, so "24. februar", "Feb. 24", "24 February" and
//! "24 лютого" all become the same date anchor.
//!
//! Each row lists the stems of one language's twelve months (nominative,
//! genitive and abbreviations share a stem where the language inflects).
//! A word names a month when it starts with a stem and is at most a few
//! letters longer; the longest stem wins, which keeps Czech "červen" (June)
//! apart from "červenec" (July).

/// `(language, [stems of January..December, each "|"-separated])`.
const TABLE: &[(&str, [&str; 12])] = &[
    ("en", ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]),
    ("de", ["jan|jän", "feb", "mär|maerz", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"]),
    ("nl", ["jan", "feb", "maart|mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]),
    ("fr", ["janv", "févr|fevr", "mars", "avr", "mai", "juin", "juil", "août|aout", "sept", "oct", "nov", "déc|dec"]),
    ("es", ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep|set", "oct", "nov", "dic"]),
    ("pt", ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"]),
    ("it", ["genn", "febb", "marz", "apr", "magg", "giu", "lug", "ago", "sett", "ott", "nov", "dic"]),
    ("sv", ["jan", "feb", "mars", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]),
    ("da", ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]),
    ("nb", ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"]),
    ("is", ["jan", "feb", "mars", "apr", "maí|mai", "jún|jun", "júl|jul", "ágú|agu", "sep", "okt", "nóv|nov", "des"]),
    ("fi", ["tammik", "helmik", "maalisk", "huhtik", "toukok", "kesäk", "heinäk", "elok", "syysk", "lokak", "marrask", "jouluk"]),
    ("pl", ["stycz", "lut", "marz|marc", "kwie", "maj", "czerw", "lip", "sierp", "wrze", "paździer|pazdzier", "listopad", "grud"]),
    ("cs", ["led", "únor|únor|února", "břez", "dub", "květ", "červen|června|červnu", "červenec|července|červenci", "srp", "září", "říj", "listopad", "prosin"]),
    ("sk", ["januá", "februá", "marc", "apríl", "máj", "jún", "júl", "augus", "septem", "októb", "novem", "decem"]),
    ("hr", ["siječ", "velj", "ožuj", "trav", "svib", "lip", "srp", "kolov", "ruj", "listopad", "studen", "prosin"]),
    ("sr", ["januar|јануар", "februar|фебруар", "mart|март", "april|април", "maj|мај", "jun|јун", "jul|јул", "avgust|август", "septemb|септемб", "oktob|октоб", "novemb|новемб", "decemb|децемб"]),
    ("sl", ["januar", "februar", "marec|marc", "april", "maj", "junij", "julij", "avgust", "septemb", "oktob", "novemb", "decemb"]),
    ("ru", ["январ", "феврал", "март", "апрел", "мая|май", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"]),
    ("uk", ["січ", "лют", "берез", "квіт", "трав", "черв", "лип", "серп", "верес", "жовт", "листопад", "груд"]),
    ("bg", ["януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври", "ноември", "декември"]),
    ("ro", ["ian", "feb", "mart", "apr", "mai", "iun", "iul", "aug", "sept", "oct", "noi", "dec"]),
    ("hu", ["január", "február", "márc", "ápr", "máj", "jún", "júl", "aug", "szept", "okt", "nov", "dec"]),
    ("tr", ["ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık"]),
    ("el", ["ιανου", "φεβρου", "μαρτ", "απριλ", "μαΐ|μαι", "ιουν", "ιουλ", "αυγουστ", "σεπτεμβρ", "οκτωβρ", "νοεμβρ", "δεκεμβρ"]),
    ("lt", ["saus", "vasar", "kov", "baland", "geguž", "birž", "liep", "rugpj", "rugs", "spal", "lapkr", "gruod"]),
    ("lv", ["janvār", "februār", "mart", "aprīl", "maij", "jūnij", "jūlij", "august", "septembr", "oktobr", "novembr", "decembr"]),
    ("et", ["jaan", "veeb", "märts", "apr", "mai", "juun", "juul", "aug", "sept", "okt", "nov", "dets"]),
    ("hi", ["जनवरी", "फ़रवरी|फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर|सितम्बर", "अक्टूबर|अक्तूबर", "नवंबर|नवम्बर", "दिसंबर|दिसम्बर"]),
    ("id", ["jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"]),
];

/// Languages without a row of their own that share one.
const ALIASES: &[(&str, &str)] = &[("no", "nb"), ("nn", "nb"), ("bs", "hr"), ("ms", "id"), ("be", "ru")];

/// Shortest stem accepted for English-like tables: three letters, because
/// "Mar"/"May" must still work while "ma" would match too much.
const MIN_STEM: usize = 3;

/// How many letters a word may add after its stem ("listopad" → "listopadu").
const MAX_SUFFIX: usize = 7;

/// English stems that are also common words when not followed by a day
/// number are handled by the caller (it asks for a neighbouring number);
/// these words are never months even then.
const NEVER: &[&str] = &["marching", "mayor", "mayors", "maybe", "decide", "decision", "junior", "augment", "octane", "novel"];

/// The month (1..=12) a lower-case word names in `lang`, if any. Languages
/// without a table use the English one, which also catches English month
/// names quoted in other languages.
pub fn month_of(lang: &str, word: &str) -> Option<u8> {
    let lang = ALIASES.iter().find(|(a, _)| *a == lang).map_or(lang, |(_, to)| to);
    let from_lang = TABLE.iter().find(|(l, _)| *l == lang).and_then(|(_, row)| lookup(row, word));
    from_lang.or_else(|| if lang == "en" { None } else { lookup(&TABLE[0].1, word) })
}

fn lookup(row: &[&str; 12], word: &str) -> Option<u8> {
    if NEVER.contains(&word) {
        return None;
    }
    let wlen = word.chars().count();
    let mut best: Option<(usize, u8)> = None;
    for (i, stems) in row.iter().enumerate() {
        for stem in stems.split('|') {
            let slen = stem.chars().count();
            if slen >= MIN_STEM.min(wlen) && word.starts_with(stem) && wlen <= slen + MAX_SUFFIX && best.is_none_or(|(l, _)| slen > l) {
                best = Some((slen, i as u8 + 1));
            }
        }
    }
    // English month names are full words; an abbreviation stem must not
    // swallow an unrelated longer word ("decent", "separate", "octopus").
    best.filter(|(slen, _)| *slen >= wlen || plausible_tail(row, word)).map(|(_, m)| m)
}

/// Whether a word longer than its stem is a known inflection or the full name.
fn plausible_tail(row: &[&str; 12], word: &str) -> bool {
    if std::ptr::eq(row, &TABLE[0].1) {
        const FULL: [&str; 12] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
        if word == "sept" {
            return true;
        }
        return FULL.contains(&word);
    }
    true
}

/// Month written with CJK/Korean markers: the number before 月 or 월.
pub fn is_cjk_month_marker(c: char) -> bool {
    c == '月' || c == '월'
}

/// Day written with CJK/Korean markers: the number before 日 or 일.
pub fn is_cjk_day_marker(c: char) -> bool {
    c == '日' || c == '일'
}
