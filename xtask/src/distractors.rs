//! Synthetic distractor news in several languages, for the cross-language
//! scale bench (`cargo xtask bench --xling`).
//!
//! The cross-language stage is driven by anchors (numbers, dates, names),
//! so distractors must carry the anchors real news carries, with real
//! news's collisions: names drawn from one shared pool with a Zipf law
//! (a few occur in thousands of documents, most in a handful), common real
//! names in each script (Putin, Путин, 普京), years, round and rare
//! numbers, and dates written with each language's month names. Each
//! document keeps a small cast of names and figures that recur through its
//! sentences, as a report does. Text is made of each language's common
//! words, so the cleaner detects the language and splits sentences as it
//! does on real text. Every document has its own seeded generator: the
//! same bytes whatever the thread count.

use forensics::input::{Format, RawDocument};

use crate::rng::Rng;

/// A rank in `0..n` with probability ∝ 1/(rank+1) (Zipf, s = 1).
fn zipf(r: &mut Rng, n: usize) -> usize {
    let u = r.unit();
    // Inverse of the continuous approximation H(x) ≈ ln(x + 1).
    ((((n as f64) + 1.0).ln() * u).exp() - 1.0).floor().clamp(0.0, (n - 1) as f64) as usize
}

/// One language's material: common words, month names in the form a date
/// takes, how a date is written, and the script names are written in.
struct Lang {
    code: &'static str,
    words: &'static [&'static str],
    months: [&'static str; 12],
    date: fn(u32, &str) -> String,
    script: Script,
}

#[derive(Clone, Copy, PartialEq)]
enum Script {
    Latin,
    Cyrillic,
    Han,
}

const LANGS: &[Lang] = &[
    Lang {
        code: "en",
        words: &[
            "the", "of", "and", "to", "in", "a", "said", "on", "that", "for", "with", "was", "is", "by", "it", "at", "from", "has", "have", "are",
            "government", "people", "police", "city", "year", "market", "report", "minister", "officials", "company", "week", "after", "new",
            "would", "their", "more", "about", "country", "state", "last", "told", "local", "court", "workers", "plan", "price",
        ],
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        date: |d, m| format!("{d} {m}"),
        script: Script::Latin,
    },
    Lang {
        code: "de",
        words: &[
            "der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für", "ist", "im", "dem", "nicht", "ein", "eine",
            "als", "auch", "es", "an", "werden", "aus", "er", "hat", "dass", "sie", "nach", "wird", "bei", "einer", "um", "am", "sind", "noch",
            "wie", "einem", "über", "so", "zum", "haben", "nur", "oder", "aber", "vor", "zur", "bis", "mehr",
        ],
        months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
        date: |d, m| format!("{d}. {m}"),
        script: Script::Latin,
    },
    Lang {
        code: "fr",
        words: &[
            "le", "de", "la", "et", "les", "des", "en", "un", "du", "une", "que", "est", "pour", "qui", "dans", "par", "au", "sur", "pas", "plus",
            "il", "ne", "ce", "a", "été", "avec", "aux", "son", "se", "sont", "mais", "ont", "cette", "elle", "selon", "gouvernement", "ville",
            "année", "police", "marché", "ministre", "entreprise", "semaine", "après", "nouveau",
        ],
        months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
        date: |d, m| format!("{d} {m}"),
        script: Script::Latin,
    },
    Lang {
        code: "es",
        words: &[
            "de", "la", "que", "el", "en", "y", "a", "los", "del", "se", "las", "por", "un", "para", "con", "no", "una", "su", "al", "es", "lo",
            "como", "más", "pero", "sus", "le", "ya", "o", "fue", "este", "ha", "sí", "porque", "esta", "son", "entre", "cuando", "muy", "sin",
            "gobierno", "ciudad", "año", "policía", "mercado", "ministro", "empresa", "semana", "después",
        ],
        months: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
        date: |d, m| format!("{d} de {m}"),
        script: Script::Latin,
    },
    Lang {
        code: "cs",
        words: &[
            "a", "se", "na", "v", "je", "že", "s", "z", "do", "o", "to", "k", "i", "by", "ve", "jako", "pro", "za", "ale", "jsou", "po", "jeho",
            "tak", "které", "který", "bylo", "byl", "podle", "už", "jen", "má", "při", "od", "také", "vláda", "město", "roku", "policie", "trh",
            "ministr", "firma", "týden", "lidé", "řekl",
        ],
        months: ["ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října", "listopadu", "prosince"],
        date: |d, m| format!("{d}. {m}"),
        script: Script::Latin,
    },
    Lang {
        code: "ru",
        words: &[
            "и", "в", "не", "на", "что", "с", "по", "это", "как", "он", "к", "из", "за", "от", "о", "так", "для", "все", "его", "но", "она",
            "также", "был", "было", "при", "после", "года", "правительство", "город", "полиция", "рынок", "министр", "компания", "неделе",
            "люди", "сказал", "заявил", "страны", "президент", "который", "этого", "более",
        ],
        months: ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
        date: |d, m| format!("{d} {m}"),
        script: Script::Cyrillic,
    },
    Lang {
        code: "zh",
        words: &[
            "的", "是", "在", "了", "和", "有", "这", "他", "们", "中", "国", "人", "政府", "城市", "经济", "市场", "警方", "部长", "公司", "记者",
            "表示", "报道", "发展", "问题", "今年", "已经", "可以", "工作", "我们", "社会", "地区", "会议", "情况", "进行", "目前",
        ],
        months: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
        date: |d, m| format!("{m}{d}日"),
        script: Script::Han,
    },
];

/// Real names that occur in news in every language, in each script:
/// distractors and the pack share them, as real corpora do.
const COMMON: &[(&str, &str, &str)] = &[
    ("Putin", "Путин", "普京"),
    ("Biden", "Байден", "拜登"),
    ("Trump", "Трамп", "特朗普"),
    ("Johnson", "Джонсон", "约翰逊"),
    ("Macron", "Макрон", "马克龙"),
    ("Merkel", "Меркель", "默克尔"),
    ("Zelensky", "Зеленский", "泽连斯基"),
    ("London", "Лондон", "伦敦"),
    ("Moscow", "Москва", "莫斯科"),
    ("Beijing", "Пекин", "北京"),
    ("Washington", "Вашингтон", "华盛顿"),
    ("Paris", "Париж", "巴黎"),
    ("Berlin", "Берлин", "柏林"),
    ("Kyiv", "Киев", "基辅"),
    ("Prague", "Прага", "布拉格"),
    ("Tokyo", "Токио", "东京"),
    ("Reuters", "Рейтер", "路透社"),
    ("Google", "Google", "谷歌"),
    ("Twitter", "Twitter", "推特"),
    ("Covid", "Covid", "新冠"),
];

/// Syllables of invented names, with Cyrillic and Han renderings of each,
/// so one invented name is written in all three scripts.
const SYLLABLES: &[(&str, &str, &str)] = &[
    ("ka", "ка", "卡"),
    ("ro", "ро", "罗"),
    ("vin", "вин", "文"),
    ("del", "дел", "德"),
    ("mar", "мар", "马"),
    ("to", "то", "托"),
    ("lis", "лис", "利"),
    ("ben", "бен", "本"),
    ("sa", "са", "萨"),
    ("gor", "гор", "戈"),
    ("an", "ан", "安"),
    ("te", "те", "特"),
    ("mi", "ми", "米"),
    ("los", "лос", "洛"),
    ("ur", "ур", "乌"),
    ("nek", "нек", "内"),
    ("fa", "фа", "法"),
    ("dri", "дри", "德"),
    ("el", "эл", "埃"),
    ("po", "по", "波"),
    ("ham", "хам", "哈"),
    ("quin", "квин", "昆"),
    ("zo", "зо", "佐"),
    ("ber", "бер", "贝"),
];

/// Invented names in the shared pool: at 100k documents a name of rank 1
/// occurs in thousands, most in a few, as in news.
const POOL: usize = 50_000;

fn invented(rank: usize, script: Script) -> String {
    // The name's syllables are a function of its rank alone.
    let mut r = Rng::seeded(0x0a3e_5000 ^ rank as u64 ^ 0x5eed_d15c_7ac7_0125);
    let n = 2 + r.below(2);
    let mut s = String::new();
    for _ in 0..n {
        let (l, c, h) = SYLLABLES[r.below(SYLLABLES.len())];
        s.push_str(match script {
            Script::Latin => l,
            Script::Cyrillic => c,
            Script::Han => h,
        });
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(f) if script != Script::Han => f.to_uppercase().chain(chars).collect(),
        _ => s,
    }
}

fn name(r: &mut Rng, script: Script) -> String {
    if r.chance(0.15) {
        let (l, c, h) = COMMON[zipf(r, COMMON.len())];
        return match script {
            Script::Latin => l,
            Script::Cyrillic => c,
            Script::Han => h,
        }
        .to_string();
    }
    invented(zipf(r, POOL), script)
}

/// A figure as news writes them: years, small counts, round and rare
/// numbers, decimals.
fn number(r: &mut Rng, lang: &Lang) -> String {
    match r.below(6) {
        0 => (2010 + r.below(14)).to_string(),
        1 => (10 + r.below(90)).to_string(),
        2 => ((1 + r.below(20)) * 100).to_string(),
        3 => (100 + zipf(r, 100_000)).to_string(),
        4 => {
            let (a, b) = (1 + r.below(99), r.below(10));
            if matches!(lang.code, "de" | "fr" | "es" | "cs" | "ru") { format!("{a},{b}") } else { format!("{a}.{b}") }
        }
        _ => (1000 + r.below(9_000_000)).to_string(),
    }
}

/// The distractor with index `i`: a headline and 4–9 paragraphs of 2–5
/// sentences, in one of the languages, around its own cast of names and
/// figures.
fn document(i: usize) -> RawDocument {
    let mut r = Rng::seeded(i as u64 ^ 0x5eed_d15c_7ac7_0125);
    let lang = &LANGS[r.below(LANGS.len())];
    let han = lang.script == Script::Han;
    let cast: Vec<String> = (0..3 + r.below(5)).map(|_| name(&mut r, lang.script)).collect();
    let figures: Vec<String> = (0..2 + r.below(4)).map(|_| number(&mut r, lang)).collect();
    let (day, month) = (1 + r.below(28) as u32, lang.months[r.below(12)]);
    let mut text = String::new();
    let sep = if han { "" } else { " " };
    let sentence = |r: &mut Rng, text: &mut String, words: usize| {
        for w in 0..words {
            if w > 0 {
                text.push_str(sep);
            }
            // About one word in seven is a name, figure or date.
            let token = match r.below(50) {
                0..=2 => cast[r.below(cast.len())].clone(),
                3 => name(r, lang.script),
                4 => figures[r.below(figures.len())].clone(),
                5 => number(r, lang),
                6 if r.chance(0.3) => (lang.date)(day, month),
                6 => (lang.date)(1 + r.below(28) as u32, lang.months[r.below(12)]),
                _ => lang.words[zipf(r, lang.words.len())].to_string(),
            };
            // A sentence starts with a capital, as the cleaner expects.
            if w == 0 && !han {
                let mut c = token.chars();
                if let Some(f) = c.next() {
                    text.extend(f.to_uppercase());
                    text.push_str(c.as_str());
                }
            } else {
                text.push_str(&token);
            }
        }
        text.push_str(if han { "。" } else { "." });
    };
    let words = 6 + r.below(6);
    sentence(&mut r, &mut text, words);
    text.pop();
    for _ in 0..4 + r.below(6) {
        text.push_str("\n\n");
        for s in 0..2 + r.below(4) {
            if s > 0 && !han {
                text.push(' ');
            }
            let n = if han { 20 + r.below(30) } else { 10 + r.below(16) };
            sentence(&mut r, &mut text, n);
        }
    }
    text.push('\n');
    RawDocument {
        id: format!("synthetic-{i:07}"),
        source: "synthetic".into(),
        locator: None,
        format: Format::Text,
        bytes: text.into_bytes(),
        hints: Default::default(),
    }
}

/// `n` distractors, made on all cores; the same bytes whatever their number.
pub fn distractors(n: usize) -> Vec<RawDocument> {
    let threads = std::thread::available_parallelism().map_or(2, |t| t.get());
    let per = n.div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..n).step_by(per).map(|lo| s.spawn(move || (lo..(lo + per).min(n)).map(document).collect::<Vec<_>>())).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn deterministic_and_multilingual() {
        let a = super::distractors(200);
        let b = super::distractors(200);
        assert_eq!(a, b);
        let text = |d: &forensics::input::RawDocument| String::from_utf8_lossy(&d.bytes).into_owned();
        assert!(a.iter().any(|d| text(d).contains('。')) && a.iter().any(|d| text(d).contains(" и ")));
    }
}
