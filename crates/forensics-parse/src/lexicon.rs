//! Small multilingual word lists the grammar consults.
//!
//! They name page furniture (labels, not content): month names, ad labels,
//! teaser and share headers, byline and source labels, attribution verbs.
//! Each list covers the main European languages plus Russian; extend a list
//! rather than special-casing a page.

/// Full month names, nominative and genitive forms (en, fr, de, es, pt, it,
/// nl, sv/no/da, pl, cs, ru, uk). A month word is a full form or a prefix of
/// at least three letters of one ("Sept", "Mar", "okt").
pub(crate) const MONTHS: &[(&str, u8)] = &[
    // en
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
    ("july", 7), ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
    // fr
    ("janvier", 1), ("février", 2), ("fevrier", 2), ("mars", 3), ("avril", 4), ("mai", 5), ("juin", 6),
    ("juillet", 7), ("août", 8), ("aout", 8), ("septembre", 9), ("octobre", 10), ("novembre", 11),
    ("décembre", 12),
    // de
    ("januar", 1), ("jänner", 1), ("februar", 2), ("märz", 3), ("juni", 6), ("juli", 7),
    ("oktober", 10), ("dezember", 12),
    // es
    ("enero", 1), ("febrero", 2), ("marzo", 3), ("abril", 4), ("mayo", 5), ("junio", 6), ("julio", 7),
    ("agosto", 8), ("septiembre", 9), ("setiembre", 9), ("octubre", 10), ("noviembre", 11),
    ("diciembre", 12),
    // pt
    ("janeiro", 1), ("fevereiro", 2), ("março", 3), ("maio", 5), ("junho", 6), ("julho", 7),
    ("setembro", 9), ("outubro", 10), ("dezembro", 12),
    // it
    ("gennaio", 1), ("febbraio", 2), ("aprile", 4), ("maggio", 5), ("giugno", 6), ("luglio", 7),
    ("settembre", 9), ("ottobre", 10), ("dicembre", 12),
    // nl
    ("januari", 1), ("februari", 2), ("maart", 3), ("mei", 5), ("augustus", 8),
    // sv, no, da
    ("marts", 3), ("maj", 5), ("augusti", 8), ("desember", 12),
    // pl
    ("styczeń", 1), ("stycznia", 1), ("luty", 2), ("lutego", 2), ("marzec", 3), ("marca", 3),
    ("kwiecień", 4), ("kwietnia", 4), ("maja", 5), ("czerwiec", 6), ("czerwca", 6), ("lipiec", 7),
    ("lipca", 7), ("sierpień", 8), ("sierpnia", 8), ("wrzesień", 9), ("września", 9),
    ("październik", 10), ("października", 10), ("listopad", 11), ("listopada", 11),
    ("grudzień", 12), ("grudnia", 12),
    // cs
    ("leden", 1), ("ledna", 1), ("únor", 2), ("února", 2), ("březen", 3), ("března", 3),
    ("duben", 4), ("dubna", 4), ("květen", 5), ("května", 5), ("červen", 6), ("června", 6),
    ("červenec", 7), ("července", 7), ("srpen", 8), ("srpna", 8), ("září", 9), ("říjen", 10),
    ("října", 10), ("listopadu", 11), ("prosinec", 12), ("prosince", 12),
    // ru
    ("январь", 1), ("января", 1), ("февраль", 2), ("февраля", 2), ("март", 3), ("марта", 3),
    ("апрель", 4), ("апреля", 4), ("май", 5), ("мая", 5), ("июнь", 6), ("июня", 6), ("июль", 7),
    ("июля", 7), ("август", 8), ("августа", 8), ("сентябрь", 9), ("сентября", 9), ("октябрь", 10),
    ("октября", 10), ("ноябрь", 11), ("ноября", 11), ("декабрь", 12), ("декабря", 12),
    // uk
    ("січня", 1), ("лютого", 2), ("березня", 3), ("квітня", 4), ("травня", 5), ("червня", 6),
    ("липня", 7), ("серпня", 8), ("вересня", 9), ("жовтня", 10), ("листопада", 11), ("грудня", 12),
];

/// [`MONTHS`] by the first byte of the name, each bucket in list order.
static MONTH_BUCKETS: std::sync::LazyLock<Vec<Vec<(&str, u8)>>> = std::sync::LazyLock::new(|| {
    let mut buckets = vec![Vec::new(); 256];
    for &(name, m) in MONTHS {
        buckets[usize::from(name.as_bytes()[0])].push((name, m));
    }
    buckets
});

/// The month a word names, if any. Exact forms win; an abbreviation must be
/// unambiguous across languages ("jui" could be juin or juillet: rejected).
pub(crate) fn month_of(word: &str) -> Option<u8> {
    // Most words open with an ASCII letter no month name starts with.
    if let Some(&b0) = word.as_bytes().first()
        && b0.is_ascii()
        && MONTH_BUCKETS[usize::from(b0.to_ascii_lowercase())].is_empty()
    {
        return None;
    }
    let chars = word.chars().count();
    if !(3..=12).contains(&chars) {
        return None;
    }
    // Most words are short ASCII: lower-case them on the stack.
    let mut buf = [0u8; 12];
    let owned;
    let w: &str = if word.is_ascii() && word.len() <= buf.len() {
        let b = &mut buf[..word.len()];
        b.copy_from_slice(word.as_bytes());
        b.make_ascii_lowercase();
        std::str::from_utf8(b).unwrap_or_default()
    } else {
        owned = word.to_lowercase();
        &owned
    };
    let bucket = &MONTH_BUCKETS[usize::from(w.as_bytes()[0])];
    if let Some(&(_, m)) = bucket.iter().find(|(name, _)| *name == w) {
        return Some(m);
    }
    let mut found = None;
    for &(name, m) in bucket {
        if name.starts_with(w) {
            match found {
                None => found = Some(m),
                Some(prev) if prev != m => return None,
                _ => {}
            }
        }
    }
    found
}

/// Lines that are only an advertisement label: a headline slot holding one
/// of these is a scraping artefact, not a title.
pub(crate) const AD_LABELS: &[&str] = &[
    "advertisement", "advertising", "ad", "ads", "sponsored", "sponsored content", "promoted",
    "annonse", "annonser", "annons", "annonce", "annonces", "anzeige", "werbung", "publicité",
    "publicite", "publicidad", "publicidade", "pubblicità", "pubblicita", "reklama", "reklame",
    "реклама", "advertentie", "mainos", "hirdetés", "reclame",
];

/// Headers that open a list of links to other stories.
pub(crate) const TEASER_HEADERS: &[&str] = &[
    "recommended stories", "recommended", "recommended for you", "related posts", "related post",
    "related articles", "related stories", "related news", "related", "read more", "read also",
    "also read", "see also", "more stories", "more news", "more from", "you may also like",
    "you might also like", "next post", "previous post", "next article", "previous article",
    "most read", "most popular", "popular posts", "popular", "trending", "trending now",
    "top stories", "latest news", "latest stories", "latest posts", "lire aussi", "à lire aussi",
    "a lire aussi", "sur le même sujet", "les plus lus", "lesen sie auch", "mehr zum thema",
    "das könnte sie auch interessieren", "weitere artikel", "meistgelesen", "te puede interesar",
    "lee también", "noticias relacionadas", "notícias relacionadas", "artigos relacionados",
    "veja também", "más leídas", "leia também", "leia mais",
    "relacionadas", "mais lidas", "leggi anche", "potrebbe interessarti", "articoli correlati",
    "lees ook", "gerelateerd", "les også", "relaterte saker", "mest lest", "läs också",
    "relaterat", "mest läst", "czytaj także", "czytaj też", "zobacz też", "čtěte také",
    "související články", "читайте также", "по теме", "похожие новости",
];

/// Labels that open a share widget ("Share this article: Facebook | X").
pub(crate) const SHARE_LABELS: &[&str] = &[
    "share", "share this", "share this article", "share this story", "share on", "partager",
    "partagez", "teilen", "artikel teilen", "compartir", "comparte", "condividi", "partilhar",
    "compartilhar", "deel", "deel dit artikel", "dela", "del", "del artikkelen", "udostępnij",
    "sdílet", "поделиться", "поділитися",
];

/// Networks and actions that fill share bars.
pub(crate) const SOCIAL: &[&str] = &[
    "facebook", "x", "twitter", "whatsapp", "linkedin", "telegram", "vk", "email", "e-mail",
    "e-post", "mail", "correo", "pinterest", "reddit", "copy link", "print", "tweet", "pin", "share",
    "f", "in", "𝕏", "✉", "messenger", "threads", "bluesky", "mastodon", "link kopieren",
];

/// Phrases of comment and contact forms.
pub(crate) const FORM_PHRASES: &[&str] = &[
    "leave a reply", "leave a comment", "your email address will not be published",
    "required fields are marked", "post comment", "save my name, email", "cancel reply",
    "comments are closed", "add a comment", "join the discussion", "your email (", "your name",
    "your comment", "you must be logged in", "deixe o seu comentário", "deixe seu comentário", "laisser un commentaire", "laisser une réponse",
    "votre adresse e-mail ne sera pas publiée", "kommentar hinterlassen", "kommentar schreiben",
    "deja un comentario", "deja una respuesta", "deixe um comentário", "deixe uma resposta",
    "lascia un commento", "lascia un commento", "laat een reactie achter", "legg igjen en kommentar",
    "lämna en kommentar", "zostaw komentarz", "napsat komentář", "оставить комментарий",
];

/// Words that make a short line or a button a comment-form field ("Reply",
/// "[Post Comment]").
pub(crate) const FORM_WORDS: &[&str] =
    &["comment", "coment", "kommentar", "komentarz", "commentaire", "reply", "submit", "enviar"];

/// Phrases of subscription, cookie, copyright-chrome and other promo lines.
pub(crate) const PROMO_PHRASES: &[&str] = &[
    "cookie", "subscribe", "newsletter", "sign up", "all rights reserved", "tous droits réservés",
    "alle rechte vorbehalten", "todos los derechos reservados", "todos os direitos reservados",
    "tutti i diritti riservati", "alle rechten voorbehouden", "abonnieren", "abonnez", "abonnement",
    "suscríbete", "suscribirse", "assine", "iscriviti", "advertise with us", "never miss a story",
    "in your inbox", "download our app", "follow us", "folgen sie uns", "suivez-nous",
    "privacy policy", "terms of use", "terms of service",
];

/// Labels before a publication or update date.
pub(crate) const DATE_LABELS: &[&str] = &[
    "date", "dato", "datum", "fecha", "data", "published", "published on", "posted", "posted on",
    "publié", "publié le", "veröffentlicht", "veröffentlicht am", "publicado", "publicado el",
    "publicado em", "pubblicato", "pubblicato il", "gepubliceerd", "gepubliceerd op", "publisert",
    "publicerad", "opublikowano", "publikováno", "опубликовано",
];

/// Labels before an update date: such a date is used only when no other is given.
pub(crate) const UPDATE_LABELS: &[&str] = &[
    "updated", "last updated", "updated on", "mis à jour", "mis à jour le", "aktualisiert",
    "aktualisiert am", "actualizado", "actualizado el", "atualizado", "atualizado em", "aggiornato",
    "aggiornato il", "bijgewerkt", "oppdatert", "uppdaterad", "opdateret", "zaktualizowano",
    "aktualizováno", "обновлено",
];

/// Byline openers ("By", "Par", "Von", "Por" …), matched case-sensitively
/// against the capitalised and the lower-case form.
pub(crate) const BYLINE_LABELS: &[&str] = &[
    "written by", "posted by", "reported by", "words by", "by", "par", "von", "por", "di", "door",
    "av", "af", "autor:", "author:", "auteur :", "auteur:", "text:", "tekst:", "от", "автор:",
];

/// Words that mark a byline affiliation as a job title, not an agency.
pub(crate) const ROLE_WORDS: &[&str] = &[
    "correspondent", "editor", "reporter", "writer", "staff", "contributor", "columnist",
    "analyst", "journalist", "correspondant", "rédacteur", "rédactrice", "journaliste",
    "korrespondent", "korrespondentin", "redakteur", "redakteurin", "corresponsal", "redactor",
    "redactora", "correspondente", "repórter", "corrispondente", "inviato", "inviata",
    "redacteur", "verslaggever", "journalist", "reporterin", "संवाददाता", "प्रतिनिधि",
    "مراسل", "مراسلنا", "记者", "特派员", "記者",
];

/// Read-time labels ("Reading time: 3 min", "Temps de lecture : 3 min").
pub(crate) const READ_TIME_LABELS: &[&str] = &[
    "read time", "reading time", "time to read", "temps de lecture", "lesezeit", "lesedauer",
    "tiempo de lectura", "tempo de leitura", "leitura", "tempo di lettura", "leestijd", "lesetid",
    "lästid", "læsetid", "czas czytania", "doba čtení", "время чтения", "час читання",
];

/// Words that follow "N min" in a read-time phrase ("2 min read", "3 min de lecture").
pub(crate) const READ_TIME_SUFFIXES: &[&str] = &[
    "read", "de lecture", "lesezeit", "de lectura", "de leitura", "di lettura", "leestijd",
    "lesetid", "lästid", "czytania", "čtení", "чтения",
];

/// Attribution phrases that introduce a source ("according to X", "Ifølge X").
/// Matched case-insensitively at a word start; the source must follow as a
/// capitalised name.
pub(crate) const ATTRIBUTION_VERBS: &[&str] = &[
    "according to", "as reported by", "citing", "ifølge", "i følge", "ifølgje", "enligt",
    "selon", "d'après", "d’après", "según", "segun", "laut", "segundo", "secondo", "volgens",
    "według", "podle", "согласно", "по данным", "по сообщению", "за даними",
];

/// Labels of source lines in page headers ("Source: X", "Quelle: X", "via X").
pub(crate) const SOURCE_LABELS: &[&str] = &[
    "source", "sources", "quelle", "fonte", "fuente", "bron", "källa", "kilde", "kilder",
    "źródło", "zdroj", "источник", "джерело", "via", "reblogged from", "originally published by",
    "originally published in", "republished from", "a dispatch from", "dispatch from",
    "translation of a dispatch from", "traducción de un despacho de", "despacho de",
    "traduction d'une dépêche de", "dépêche de", "tradução de um despacho da", "despacho da",
    "übersetzung einer meldung von", "meldung von",
];

/// Determiners and generic agency nouns that may sit between an attribution
/// verb and the source name ("selon l'agence AHP", "according to the Associated Press").
pub(crate) const SOURCE_FILLERS: &[&str] = &[
    "the", "la", "le", "l'", "l’", "el", "los", "die", "der", "den", "dem", "het", "de", "a", "o",
    "agency", "news agency", "agence", "agencia", "agência", "agenzia", "agentur",
    "nachrichtenagentur", "nyhetsbyrået", "nyhetsbyrån", "byrå", "agentschap", "agencji",
    "agentury", "агентства", "агентство", "agence de presse", "despacho de la agencia",
];

/// Words that make a name a news organisation's: "Tidewater Press",
/// "Northgate News Service", "Agência Atlântica de Notícias", "Fox TV".
/// An attribution ("according to X", "laut X") credits X only when X is an
/// agency or outlet: "laut Deutscher Bahn" names a company, not a source.
pub(crate) const OUTLET_WORDS: &[&str] = &[
    "news", "newswire", "wire", "press", "presse", "prensa", "imprensa", "stampa", "agency", "agence",
    "agencia", "agência", "agenzia", "agentur", "agentschap", "nachrichten", "nachrichtendienst",
    "nachrichtenagentur", "noticias", "notícias", "notizie", "nouvelles", "nieuws", "nyheter",
    "nyheder", "новости", "tv", "television", "televisión", "televisão", "télévision", "radio",
    "rádio", "broadcasting", "times", "post", "herald", "tribune", "journal", "gazette", "gazeta",
    "telegraph", "chronicle", "ledger", "dispatch", "observer", "courier", "courrier", "zeitung",
    "tagblatt", "rundschau", "kurier", "bulletin", "magazine", "dagbladet", "aftenposten",
    "avisen", "diario", "diário", "jornal", "giornale", "quotidien",
];

/// Well-known agencies and outlets whose names hold no outlet word.
pub(crate) const NEWS_OUTLETS: &[&str] = &[
    "al jazeera", "al-jazeera", "aljazeera", "bbc", "cnn", "npr", "pbs", "nbc", "cbs", "abc",
    "msnbc", "interfax", "kyodo", "yonhap", "anadolu", "sputnik", "ria novosti", "ria", "itar-tass",
    "bernama", "antara", "pti", "lusa", "belga", "anp", "ntb", "ritzau", "stt", "pap", "ctk", "čtk",
    "mti", "apa", "sda", "kna", "epd", "nrk", "svt", "yle", "zdf", "ard", "orf", "rai", "rtve", "rtp",
    "rté", "rte", "cbc", "dw", "deutsche welle", "rfi", "voa", "euronews", "politico", "axios",
    "semafor", "spiegel", "der spiegel", "le monde", "le figaro", "el país", "el pais", "nikkei",
    "haaretz", "ukrinform", "unian", "kommersant", "vedomosti", "meduza", "the guardian", "guardian",
    "vg", "dagens nyheter", "kcna", "yna", "belta", "irna", "wafa", "mena", "yomiuri", "asahi", "efe", "ansa", "upi", "xinhua", "tass", "bloomberg",
];

/// Lower-case words that may join capitalised words inside a source name.
pub(crate) const NAME_CONNECTORS: &[&str] =
    &["of", "for", "and", "de", "du", "des", "del", "da", "do", "dos", "das", "van", "von", "der", "di", "&"];

/// Known agencies whose spelling varies; anything else keeps its written form.
pub(crate) const AGENCY_CANON: &[(&str, &str)] = &[
    ("ap", "AP"), ("associated press", "AP"), ("the associated press", "AP"), ("ap photo", "AP"),
    ("reuters", "Reuters"), ("thomson reuters", "Reuters"), ("afp", "AFP"),
    ("agence france-presse", "AFP"), ("agence france presse", "AFP"), ("dpa", "dpa"),
    ("efe", "EFE"), ("ansa", "ANSA"), ("upi", "UPI"), ("xinhua", "Xinhua"), ("tass", "TASS"),
    ("bloomberg", "Bloomberg"), ("getty images", "Getty Images"),
];

/// The canonical spelling of an agency name, or the name as written.
pub(crate) fn canonical_agency(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    AGENCY_CANON
        .iter()
        .find(|(k, _)| *k == lower)
        .map(|(_, v)| (*v).to_string())
        .unwrap_or_else(|| name.trim().to_string())
}

/// True for an agency listed in [`AGENCY_CANON`].
pub(crate) fn is_known_agency(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    AGENCY_CANON.iter().any(|(k, _)| *k == lower)
}

/// A word list answering case-insensitive membership of a whole (trimmed)
/// phrase; the first byte and byte length of its entries rule out nearly
/// every phrase at once.
pub(crate) struct Phrases {
    list: &'static [&'static str],
    /// Per first byte: bit `n` is set when an entry of `n` bytes (bit 63:
    /// 63 or more) starts with that byte.
    lens: [u64; 256],
    /// The same per last byte: most phrases that pass the first byte's
    /// test (a line opening with "s" and six bytes long) fail this one.
    ends: [u64; 256],
    /// Entry indices grouped by first byte: the entries opening with byte
    /// `b` are `by_first[from[b]..from[b + 1]]` (a phrase that passes the
    /// byte tests is compared with those alone, not with the whole list).
    by_first: [u8; PHRASES_MAX],
    from: [u8; 257],
}

/// The longest list a [`Phrases`] indexes.
const PHRASES_MAX: usize = 128;

impl Phrases {
    pub(crate) const fn new(list: &'static [&'static str]) -> Phrases {
        assert!(list.len() <= PHRASES_MAX, "a Phrases list holds at most PHRASES_MAX entries");
        let mut lens = [0u64; 256];
        let mut ends = [0u64; 256];
        // Entries per first byte, then their running sums: a counting sort.
        let mut from = [0u8; 257];
        let mut i = 0;
        while i < list.len() {
            let w = list[i].as_bytes();
            assert!(!w.is_empty(), "no empty phrase");
            lens[w[0] as usize] |= Phrases::bit(w.len());
            ends[w[w.len() - 1] as usize] |= Phrases::bit(w.len());
            from[w[0] as usize + 1] += 1;
            i += 1;
        }
        let mut b = 0;
        while b < 256 {
            from[b + 1] += from[b];
            b += 1;
        }
        let mut by_first = [0u8; PHRASES_MAX];
        let mut next = from;
        let mut i = 0;
        while i < list.len() {
            let f = list[i].as_bytes()[0] as usize;
            by_first[next[f] as usize] = i as u8;
            next[f] += 1;
            i += 1;
        }
        Phrases { list, lens, ends, by_first, from }
    }

    /// The entries opening with byte `first`.
    fn opening_with(&self, first: u8) -> impl Iterator<Item = &'static str> + '_ {
        let f = usize::from(first);
        self.by_first[usize::from(self.from[f])..usize::from(self.from[f + 1])].iter().map(|&k| self.list[usize::from(k)])
    }

    const fn bit(len: usize) -> u64 {
        1 << if len < 63 { len } else { 63 }
    }

    /// Whether an entry could be `p`, a phrase whose first byte lower-cases
    /// to `first`.
    fn may_hold(&self, first: u8, p: &[u8]) -> bool {
        self.lens[usize::from(first)] & Phrases::bit(p.len()) != 0
    }

    /// Whether the list holds `phrase` (trimmed), blind to case. Most
    /// phrases open or end with a byte no entry does: that test is inlined
    /// at each call, the rest is not.
    #[inline]
    pub(crate) fn contains(&self, phrase: &str) -> bool {
        let b = phrase.as_bytes();
        if let (Some(&f), Some(&l)) = (b.first(), b.last())
            && f.is_ascii_graphic()
            && l.is_ascii_graphic()
            && (self.lens[usize::from(f.to_ascii_lowercase())] == 0 || self.ends[usize::from(l.to_ascii_lowercase())] == 0)
        {
            return false;
        }
        self.contains_rest(phrase)
    }

    /// [`Phrases::contains`] of a phrase known to be ASCII (a slice of a
    /// line the scan found ASCII): an ASCII phrase keeps its length when
    /// lower-cased, so an entry must both start and end with a byte of
    /// that length, which rules out nearly every phrase here, inlined.
    #[inline]
    pub(crate) fn contains_ascii(&self, phrase: &str) -> bool {
        debug_assert!(phrase.is_ascii());
        let b = phrase.as_bytes();
        let (Some(&f), Some(&l)) = (b.first(), b.last()) else { return false };
        if !(f.is_ascii_graphic() && l.is_ascii_graphic()) {
            return self.contains_rest(phrase);
        }
        let f = f.to_ascii_lowercase();
        self.lens[usize::from(f)] & self.ends[usize::from(l.to_ascii_lowercase())] & Phrases::bit(b.len()) != 0
            && self.opening_with(f).any(|w| w.as_bytes().eq_ignore_ascii_case(b))
    }

    #[inline(never)]
    fn contains_rest(&self, phrase: &str) -> bool {
        let b = phrase.as_bytes();
        let p = if b.first().is_some_and(u8::is_ascii_graphic) && b.last().is_some_and(u8::is_ascii_graphic) {
            phrase
        } else {
            phrase.trim()
        };
        let Some(&b0) = p.as_bytes().first() else { return false };
        // The lower-cased phrase starts with the lower case of its first
        // char (the standard lower-casing treats only a sigma by context,
        // and never a first char): no entry may start with that byte.
        let first = if b0.is_ascii() {
            b0.to_ascii_lowercase()
        } else {
            let c0 = p.chars().next().and_then(|c| c.to_lowercase().next()).unwrap_or(' ');
            let mut enc = [0u8; 4];
            c0.encode_utf8(&mut enc).as_bytes()[0]
        };
        let first_lens = self.lens[usize::from(first)];
        if first_lens == 0 {
            return false;
        }
        // An ASCII last char lower-cases to one ASCII byte whatever comes
        // before it (only a sigma depends on its neighbours), so the lower-
        // cased phrase ends with that byte; in an ASCII phrase the length
        // is kept too, so an entry both starts and ends with a byte of that
        // length (asked before the ASCII test, which costs more).
        let last = p.as_bytes().last().copied().unwrap_or(b0);
        if last.is_ascii() {
            let last_lens = self.ends[usize::from(last.to_ascii_lowercase())];
            if last_lens == 0 || (first_lens & last_lens & Phrases::bit(p.len()) == 0 && p.is_ascii()) {
                return false;
            }
        }
        let ascii = p.is_ascii();
        if ascii {
            // ASCII keeps its length when lower-cased, and the entries are
            // lower case: an ASCII-case-blind comparison is the same test.
            let p = p.as_bytes();
            return self.may_hold(first, p) && self.opening_with(first).any(|w| w.as_bytes().eq_ignore_ascii_case(p));
        }
        // Compared char by char with the entries opening with the lower-cased
        // first char's byte, without a lower-cased copy (only a sigma lower-
        // cases by its neighbours, and no entry holds Greek).
        self.opening_with(first).any(|w| p.chars().flat_map(char::to_lowercase).eq(w.chars()))
    }
}

pub(crate) static AD_LABEL_SET: Phrases = Phrases::new(AD_LABELS);
pub(crate) static TEASER_HEADER_SET: Phrases = Phrases::new(TEASER_HEADERS);
pub(crate) static SOCIAL_SET: Phrases = Phrases::new(SOCIAL);
pub(crate) static SHARE_LABEL_SET: Phrases = Phrases::new(SHARE_LABELS);

/// [`line_labels`] bits: the whole line is an entry of [`AD_LABELS`],
/// [`TEASER_HEADERS`], [`SOCIAL`].
pub(crate) const AD_LINE: u8 = 1;
pub(crate) const TEASER_LINE: u8 = 2;
pub(crate) const SOCIAL_LINE: u8 = 4;

/// The lists whose entries a line may be as a whole, keyed by
/// [`label_key`]: one hashed lookup per line instead of one search per list.
struct LabelTable {
    slots: Vec<Option<LabelSlot>>,
}

#[derive(Clone, Copy)]
struct LabelSlot {
    key: (u64, u64, usize),
    entry: &'static str,
    bits: u8,
}

/// Slots of [`LABELS`] (a power of two, a few times the entries).
const LABEL_SLOTS: usize = 512;

/// An ASCII phrase's length and its first and last eight bytes (fewer
/// when shorter, overlapping when under sixteen), lower-cased eight at a
/// time: equal keys and lengths up to sixteen bytes are equal phrases.
fn label_key(b: &[u8]) -> (u64, u64, usize) {
    let n = b.len();
    let word = |s: &[u8]| s.iter().rev().fold(0u64, |w, &c| (w << 8) | u64::from(c));
    let (first, last) = if n >= 8 {
        let load = |k: usize| b.get(k..k + 8).and_then(|w| w.try_into().ok()).map_or(0, u64::from_le_bytes);
        (load(0), load(n - 8))
    } else if n >= 4 {
        let load = |k: usize| b.get(k..k + 4).and_then(|w| w.try_into().ok()).map_or(0, |w| u64::from(u32::from_le_bytes(w)));
        (load(0), load(n - 4))
    } else {
        (word(b), 0)
    };
    (ascii_lower8(first), ascii_lower8(last), n)
}

/// The ASCII lower case of eight ASCII bytes at once.
fn ascii_lower8(x: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    // High bit of each byte at or above 'A', and at or above '[' (no byte
    // of ASCII carries into the next).
    let upper = (x + 0x3F * LO) & !(x + 0x25 * LO) & (0x80 * LO);
    x | (upper >> 2)
}

fn label_slot(key: (u64, u64, usize)) -> usize {
    let h = (key.0 ^ key.1.rotate_left(31) ^ key.2 as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 55) as usize & (LABEL_SLOTS - 1)
}

static LABELS: std::sync::LazyLock<LabelTable> = std::sync::LazyLock::new(|| {
    let mut slots: Vec<Option<LabelSlot>> = vec![None; LABEL_SLOTS];
    for (list, bits) in [(AD_LABELS, AD_LINE), (TEASER_HEADERS, TEASER_LINE), (SOCIAL, SOCIAL_LINE)] {
        // (An ASCII line is never a non-ASCII entry.)
        for &entry in list.iter().filter(|e| e.is_ascii()) {
            let key = label_key(entry.as_bytes());
            let mut i = label_slot(key);
            loop {
                match &mut slots[i] {
                    Some(slot) if slot.entry == entry => {
                        slot.bits |= bits;
                        break;
                    }
                    Some(_) => i = (i + 1) & (LABEL_SLOTS - 1),
                    empty => {
                        *empty = Some(LabelSlot { key, entry, bits });
                        break;
                    }
                }
            }
        }
    }
    LabelTable { slots }
});

/// Which of [`AD_LABELS`], [`TEASER_HEADERS`] and [`SOCIAL`] hold `line`,
/// an ASCII line opening and ending with an ASCII letter or digit (so no
/// list's trimming changes it), blind to ASCII case: the `*_LINE` bits.
#[inline]
pub(crate) fn line_labels(line: &str) -> u8 {
    let b = line.as_bytes();
    let key = label_key(b);
    let slots = &LABELS.slots;
    let mut i = label_slot(key);
    while let Some(slot) = &slots[i] {
        if slot.key == key && (key.2 <= 16 || slot.entry.as_bytes().eq_ignore_ascii_case(b)) {
            return slot.bits;
        }
        i = (i + 1) & (LABEL_SLOTS - 1);
    }
    0
}

/// Multi-phrase matchers over lower-cased lines, built once: one pass per
/// line instead of one substring search per phrase.
pub(crate) mod sets {
    use std::sync::LazyLock;

    use aho_corasick::automaton::Automaton;
    use aho_corasick::dfa::DFA;
    use aho_corasick::{AhoCorasick, Anchored};

    fn build(phrases: &[&str]) -> AhoCorasick {
        // The phrases are fixed, valid patterns: building cannot fail on input.
        AhoCorasick::new(phrases).expect("static phrase list")
    }

    pub(crate) static SOURCE: LazyLock<AhoCorasick> = LazyLock::new(|| build(super::SOURCE_LABELS));
    /// With its prefilter: a paragraph is long and its verbs are rare, so
    /// most of it is skipped by a vector search for their bytes.
    static ATTRIBUTION: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(super::ATTRIBUTION_VERBS)
            .expect("static phrase list")
    });

    /// Every occurrence of an attribution verb in `lower` as (start, length),
    /// in the order of an overlapping search (by end, then by pattern).
    pub(crate) fn attribution_hits(lower: &str) -> Vec<(usize, usize)> {
        ATTRIBUTION.find_overlapping_iter(lower).map(|m| (m.start(), m.len())).collect()
    }

    /// The verbs again, blind to ASCII case (an ASCII text is searched
    /// without a lower-cased copy).
    static ATTRIBUTION_ASCII: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(super::ATTRIBUTION_VERBS)
            .expect("static phrase list")
    });

    /// [`attribution_hits`] of an ASCII text's lower case, found in the text.
    pub(crate) fn attribution_hits_ascii(text: &str) -> Vec<(usize, usize)> {
        ATTRIBUTION_ASCII.find_overlapping_iter(text).map(|m| (m.start(), m.len())).collect()
    }

    /// The lists a line's shape tests search, in one automaton: [`line_hits`]
    /// answers all of them with one pass instead of one pass per list.
    const LINE_LISTS: [(&[&str], u8); 4] = [
        (super::FORM_PHRASES, FORM_HIT),
        (super::PROMO_PHRASES, PROMO_HIT),
        (super::SOURCE_LABELS, SOURCE_HIT),
        (super::FORM_WORDS, FORM_WORD_HIT),
    ];
    pub(crate) const FORM_HIT: u8 = 1;
    pub(crate) const PROMO_HIT: u8 = 2;
    pub(crate) const SOURCE_HIT: u8 = 4;
    pub(crate) const FORM_WORD_HIT: u8 = 8;

    /// The combined automaton as a flat transition table: states numbered
    /// densely with the matching ones first, each row `stride` wide (one
    /// entry per byte class), ids premultiplied by the stride; `hits[id /
    /// stride]` gives the lists of the phrases ending at a matching state.
    struct LineTable {
        class: [u8; 256],
        /// Rows of all states, padded to [`LINE_TABLE`] entries so that an
        /// id plus a class, masked, needs no bounds check.
        trans: Box<[u32; LINE_TABLE]>,
        /// Ids below this are matching states.
        matching: u32,
        stride: u32,
        start: u32,
        hits: Vec<u8>,
    }

    /// Entries of the line automaton's table (a power of two).
    const LINE_TABLE: usize = 1 << 17;

    /// Built from aho-corasick's DFA of the phrases, whose walk asks at
    /// every byte for a byte class, a bounds check and a special-state
    /// test; here the table and class lookups need no bounds check.
    static LINE: LazyLock<LineTable> = LazyLock::new(|| {
        let phrases: Vec<&str> = LINE_LISTS.iter().flat_map(|(l, _)| l.iter().copied()).collect();
        let lists: Vec<u8> = LINE_LISTS.iter().flat_map(|(l, bit)| std::iter::repeat_n(*bit, l.len())).collect();
        // The phrases are lower case: matching ASCII letters of either case
        // in an ASCII line equals matching its lower-cased copy.
        let dfa = DFA::builder().ascii_case_insensitive(true).prefilter(false).build(&phrases).expect("static phrase list");
        let start = dfa.start_state(Anchored::No).expect("unanchored start state");
        // Every state reachable from the start, and its row over all bytes
        // (`seen` maps a raw state id to its dense number + 1).
        let mut seen: Vec<usize> = Vec::new();
        let mut states = vec![start];
        let mut rows: Vec<[usize; 256]> = Vec::new();
        let mut k = 0;
        while k < states.len() {
            let mut row = [0usize; 256];
            for (b, next) in row.iter_mut().enumerate() {
                let n = dfa.next_state(Anchored::No, states[k], b as u8);
                let raw = n.as_usize();
                if seen.len() <= raw {
                    seen.resize(raw + 1, 0);
                }
                if raw != start.as_usize() && seen[raw] == 0 {
                    states.push(n);
                    seen[raw] = states.len();
                }
                *next = if raw == start.as_usize() { 0 } else { seen[raw] - 1 };
            }
            rows.push(row);
            k += 1;
        }
        // Bytes with the same column in every row share a class: columns
        // grouped by a hash, then compared.
        let column_hash = |b: usize| rows.iter().fold(0u64, |h, r| (h ^ r[b] as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29));
        let mut class = [0u8; 256];
        let mut firsts: Vec<(u64, usize)> = Vec::new();
        for b in 0..256 {
            let h = column_hash(b);
            let same = |&&(fh, f): &&(u64, usize)| fh == h && rows.iter().all(|r| r[f] == r[b]);
            let c = firsts.iter().position(|f| same(&f)).unwrap_or_else(|| {
                firsts.push((h, b));
                firsts.len() - 1
            });
            class[b] = u8::try_from(c).expect("at most 256 classes");
        }
        let columns = firsts;
        let state_hits = |s: aho_corasick::automaton::StateID| {
            if !dfa.is_match(s) {
                return 0;
            }
            (0..dfa.match_len(s)).fold(0u8, |h, i| h | lists[dfa.match_pattern(s, i).as_usize()])
        };
        // Matching states first.
        let mut order: Vec<usize> = (0..states.len()).collect();
        order.sort_by_key(|&k| (!dfa.is_match(states[k]), k));
        let mut rank = vec![0usize; states.len()];
        for (r, &k) in order.iter().enumerate() {
            rank[k] = r;
        }
        let stride = columns.len();
        // (The lists are fixed: a failure here shows in every test run.)
        assert!(states.len() * stride <= LINE_TABLE, "the line automaton fits its table: {} states, {stride} classes", states.len());
        let mut trans: Box<[u32; LINE_TABLE]> = vec![0u32; LINE_TABLE].into_boxed_slice().try_into().expect("sized");
        for (k, row) in rows.iter().enumerate() {
            for b in 0..256 {
                trans[rank[k] * stride + usize::from(class[b])] = (rank[row[b]] * stride) as u32;
            }
        }
        let matching = order.iter().take_while(|&&k| dfa.is_match(states[k])).count();
        let hits = order.iter().map(|&k| state_hits(states[k])).collect();
        LineTable {
            class,
            trans,
            matching: (matching * stride) as u32,
            stride: stride as u32,
            start: (rank[0] * stride) as u32,
            hits,
        }
    });

    /// A walk over [`LINE`]: bytes are fed one at a time, hits gathered.
    struct Walk<'t> {
        t: &'t LineTable,
        sid: u32,
        hits: u8,
    }

    impl Walk<'_> {
        #[inline(always)]
        fn feed(&mut self, b: u8) {
            let t = self.t;
            self.sid = t.trans[(self.sid as usize + usize::from(t.class[usize::from(b)])) & (LINE_TABLE - 1)];
            if self.sid < t.matching {
                self.hits |= t.hits.get((self.sid / t.stride) as usize).copied().unwrap_or(0);
            }
        }

        fn feed_all(&mut self, bytes: &[u8]) {
            for &b in bytes {
                self.feed(b);
            }
        }
    }

    /// Which of the lists have a phrase somewhere in `lower` (a lower-cased
    /// line, or an ASCII line as it is), as `*_HIT` bits: the same answers
    /// as one `is_match` per list on the lower-cased line.
    pub(crate) fn line_hits(lower: &str) -> u8 {
        let t = &*LINE;
        // With standard semantics every state lists all phrases ending at
        // it, so the walk sees every occurrence.
        let mut w = Walk { t, sid: t.start, hits: 0 };
        w.feed_all(lower.as_bytes());
        w.hits
    }

    /// [`line_hits`] of `line`'s lower case (`text::lowercase_into`),
    /// lower-casing each char as it is fed instead of building the copy.
    /// (`lowercase_into` treats a sigma by its neighbours; a sigma's bytes,
    /// either one, lead the automaton back to its start as no phrase holds
    /// them, so the hits are the same.)
    pub(crate) fn line_hits_folded(line: &str) -> u8 {
        let t = &*LINE;
        let mut w = Walk { t, sid: t.start, hits: 0 };
        let b = line.as_bytes();
        let lower_2 = crate::text::lower_2();
        let mut i = 0;
        while i < b.len() {
            // ASCII fed as it is: the automaton is blind to ASCII case.
            let c = b[i];
            if c < 0x80 {
                w.feed(c);
                i += 1;
                continue;
            }
            // General Punctuation (E2 80 80 – E2 81 AF: curly quotes,
            // dashes) has no case: fed as it is.
            if c == 0xE2 && matches!(b.get(i + 1..i + 3), Some([0x80, _] | [0x81, 0x80..=0xAF])) {
                w.feed_all(&b[i..i + 3]);
                i += 3;
                continue;
            }
            // Two-byte chars from the table, decoded from their bytes.
            if (0xC2..=0xDF).contains(&c)
                && let Some(&n) = b.get(i + 1)
            {
                let mapped = lower_2[((usize::from(c & 0x1F) << 6) | usize::from(n & 0x3F)) - 0x80];
                if mapped != '\0' {
                    let mut enc = [0u8; 4];
                    w.feed_all(mapped.encode_utf8(&mut enc).as_bytes());
                    i += 2;
                    continue;
                }
            }
            let Some(ch) = line[i..].chars().next() else { break };
            let mut enc = [0u8; 4];
            match crate::text::lower_char(ch) {
                Some(l) => w.feed_all(l.encode_utf8(&mut enc).as_bytes()),
                None => {
                    for l in ch.to_lowercase() {
                        w.feed_all(l.encode_utf8(&mut enc).as_bytes());
                    }
                }
            }
            i += ch.len_utf8();
        }
        w.hits
    }
}

#[cfg(test)]
mod tests {
    use super::sets::*;
    use super::*;

    /// The combined automaton finds every list a phrase belongs to, also
    /// where phrases of several lists overlap or repeat.
    #[test]
    fn line_hits_sees_every_list() {
        let lists = [(FORM_PHRASES, FORM_HIT), (PROMO_PHRASES, PROMO_HIT), (SOURCE_LABELS, SOURCE_HIT), (FORM_WORDS, FORM_WORD_HIT)];
        for (list, bit) in lists {
            for p in list {
                assert_ne!(line_hits(p) & bit, 0, "{p:?}");
                assert_ne!(line_hits(&format!("x {p} y")) & bit, 0, "{p:?}");
            }
        }
        assert_eq!(line_hits("leave a comment"), FORM_HIT | FORM_WORD_HIT);
        assert_eq!(line_hits("Leave a COMMENT"), FORM_HIT | FORM_WORD_HIT);
        for list in [FORM_PHRASES, PROMO_PHRASES, SOURCE_LABELS, FORM_WORDS, AD_LABELS, TEASER_HEADERS, SOCIAL, SHARE_LABELS] {
            assert!(list.iter().all(|p| !p.bytes().any(|b| b.is_ascii_uppercase())), "phrases are lower case");
        }
        assert!(AD_LABEL_SET.contains(" Advertisement "));
        assert!(TEASER_HEADER_SET.contains("À LIRE AUSSI"));
        assert!(!SOCIAL_SET.contains("Face"));
        // The hashed whole-line lookup answers as the three lists' lookups.
        let every: Vec<&str> = [AD_LABELS, TEASER_HEADERS, SOCIAL, SHARE_LABELS, FORM_WORDS, PROMO_PHRASES].concat();
        for p in every.iter().filter(|p| p.is_ascii()) {
            for q in [p.to_string(), p.to_uppercase(), format!("{p}s"), format!("x{p}"), p[..p.len() - 1].to_string(), format!("{p} {p}")] {
                let b = q.as_bytes();
                if b.is_empty() || !b[0].is_ascii_alphanumeric() || !b[b.len() - 1].is_ascii_alphanumeric() {
                    continue;
                }
                let want = (u8::from(AD_LABEL_SET.contains_ascii(&q)) * AD_LINE)
                    | (u8::from(TEASER_HEADER_SET.contains_ascii(&q)) * TEASER_LINE)
                    | (u8::from(SOCIAL_SET.contains_ascii(&q)) * SOCIAL_LINE);
                assert_eq!(line_labels(&q), want, "{q:?}");
            }
        }
        assert_eq!(line_labels("Related Posts"), TEASER_LINE);
        assert_eq!(line_labels("ADVERTISEMENT"), AD_LINE);
        // The ASCII lookup and the bucketed comparison give the general answers.
        for (set, list) in [(&AD_LABEL_SET, AD_LABELS), (&TEASER_HEADER_SET, TEASER_HEADERS), (&SOCIAL_SET, SOCIAL), (&SHARE_LABEL_SET, SHARE_LABELS)] {
            for p in list {
                let upper = p.to_uppercase();
                assert!(set.contains(p) && set.contains(&upper), "{p:?}");
                if p.is_ascii() {
                    assert!(set.contains_ascii(p) && set.contains_ascii(&upper) && set.contains_ascii(&format!(" {p}")), "{p:?}");
                    assert!(!set.contains_ascii(&format!("{p}xq")) && !set.contains(&format!("{p}xq")), "{p:?}");
                }
            }
        }
        assert_eq!(line_hits("a quiet night in the harbour"), 0);
        // Lower-cased as fed: the same hits as the walk over the lower-cased copy.
        for text in [
            "ОСТАВИТЬ КОММЕНТАРИЙ", "TOUS DROITS RÉSERVÉS", "ÜBERSETZUNG EINER MELDUNG VON X", "ΣΊΣΥΦΟΣ Source: Σ",
            "İstanbul \u{212A}ommentar", "ŹRÓDŁO: PAP", "“Subscribe” — Källa", "日本語 via 東京", "Deixe Um Comentário",
            "plain words only", "Ærlig ØST Åpen", "\u{1F44D} REPLY",
        ] {
            assert_eq!(line_hits_folded(text), line_hits(&crate::text::lowercase(text)), "{text:?}");
        }
        assert_ne!(line_hits_folded("ОСТАВИТЬ КОММЕНТАРИЙ") & FORM_HIT, 0);
        // The same answers as one standard search per list.
        let samples = [
            "leave a comment | subscribe to our newsletter · source: the wire",
            "ifølge nrk og according to the associated press, selon l'agence, laut dpa",
            "comments are closed; reply; sign up for cookies via email",
            "plain words only",
        ];
        for text in samples {
            let mut want = 0;
            for (list, bit) in lists {
                if aho_corasick::AhoCorasick::new(list).unwrap().is_match(text) {
                    want |= bit;
                }
            }
            assert_eq!(line_hits(text), want, "{text:?}");
            let ac = aho_corasick::AhoCorasick::new(ATTRIBUTION_VERBS).unwrap();
            let want: Vec<(usize, usize)> = ac.find_overlapping_iter(text).map(|m| (m.start(), m.len())).collect();
            assert_eq!(attribution_hits(text), want, "{text:?}");
        }
    }
}
