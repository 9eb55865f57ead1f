//! Data-driven tests of the line grammars, all through one `check` helper:
//! `(grammar, input, expected)`, where `expected` is the grammar's answer
//! rendered as text and `-` means "no match".

use crate::credit::{
    attributions, copyright_holder, credit_line, credit_line_names, photo_credit, short_name, source_line,
};
use crate::date::{NumericOrder, find_date, page_order, with_order};
use crate::dateline::dateline;
use crate::meta::{byline, header_date_line, meta_line, read_time};

/// Renders what `grammar` finds in `input`.
fn run(grammar: &str, input: &str) -> String {
    let or_dash = |s: Option<String>| s.unwrap_or_else(|| "-".to_string());
    match grammar {
        "date" => or_dash(find_date(input).map(|(d, s, e)| format!("{d} @{}", &input[s..e]))),
        "dateline" => or_dash(dateline(input).map(|m| {
            format!(
                "{}|{}|{}|{}",
                m.place.unwrap_or("-"),
                m.date_text.unwrap_or("-"),
                m.agency.unwrap_or("-"),
                input[..m.len].trim_end()
            )
        })),
        "photo" => or_dash(photo_credit(input).map(|f| format!("{} @{}", f.name, &input[f.start..f.end]))),
        "attribution" => {
            let found: Vec<String> = attributions(input).into_iter().map(|f| f.name).collect();
            if found.is_empty() { "-".into() } else { found.join(";") }
        }
        "source" => or_dash(source_line(input).map(|f| f.name)),
        "copyright" => or_dash(copyright_holder(input)),
        "credit-line" => or_dash(credit_line(input).map(str::to_string)),
        // Each name with its role, checked against its span.
        "credit-names" => {
            let found: Vec<String> = credit_line(input)
                .map(|inner| credit_line_names(input, inner))
                .unwrap_or_default()
                .into_iter()
                .map(|(f, kind)| {
                    let at = if input[f.start..f.end] == f.name { String::new() } else { format!(" @{}", &input[f.start..f.end]) };
                    format!("{:?}:{}{at}", kind, f.name)
                })
                .collect();
            if found.is_empty() { "-".into() } else { found.join(";") }
        }
        // A date read in the order the whole input page implies.
        "page-date" => {
            let order = match page_order(input) {
                NumericOrder::DayFirst => "dmy",
                NumericOrder::MonthFirst => "mdy",
            };
            let first = with_order(page_order(input), || find_date(input));
            format!("{order} {}", first.map(|(d, _, _)| d.to_string()).unwrap_or_else(|| "-".into()))
        }
        "short-name" => short_name(input),
        "read-time" => or_dash(read_time(input).map(|(s, e)| input[s..e].to_string())),
        "byline" => or_dash(byline(input).map(|(n, _)| n.to_string())),
        "header" => or_dash(header_date_line(input).map(|(d, _, slot)| format!("{d}|{}", &input[slot..]))),
        "meta" => or_dash(meta_line(input).map(|m| {
            format!(
                "date={} updated={} byline={} agency={} handles={} read={}",
                m.date.map(|(d, _)| d.to_string()).unwrap_or_default(),
                m.updated,
                m.byline.map(|(b, _)| b).unwrap_or_default(),
                m.byline_agency.map(|(a, _)| a).unwrap_or_default(),
                m.handles.join(","),
                m.read_time.map(|(r, _)| r).unwrap_or_default(),
            )
        })),
        other => panic!("unknown grammar {other}"),
    }
}

fn check(cases: &[(&str, &str, &str)]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|&(grammar, input, expected)| {
            let got = run(grammar, input);
            (got != expected).then(|| format!("{grammar}: {input:?}\n   expected {expected:?}\n   got      {got:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn dates() {
    check(&[
        ("date", "2022-09-19", "2022-09-19 @2022-09-19"),
        ("date", "date 2022-09 annonse", "2022-09 @2022-09"),
        ("date", "2025-03-11T16:42:00Z", "2025-03-11 @2025-03-11"),
        ("date", "Published 11 March 2025, 16:42", "2025-03-11 @11 March 2025"),
        ("date", "March 11, 2025", "2025-03-11 @March 11, 2025"),
        ("date", "Friday, Sept. 16, 2022.", "2022-09-16 @Sept. 16, 2022"),
        ("date", "June 3rd 2025", "2025-06-03 @June 3rd 2025"),
        ("date", "Publié le 22/05/2025 à 14h10", "2025-05-22 @22/05/2025"),
        ("date", "Veröffentlicht am 29.09.2025, 12:04 Uhr", "2025-09-29 @29.09.2025"),
        ("date", "12. 12. 2025 | Zahraničí", "2025-12-12 @12. 12. 2025"),
        ("date", "03/25/2025", "2025-03-25 @03/25/2025"),
        ("date", "Sexta-feira, 12 de dezembro de 2025", "2025-12-12 @12 de dezembro de 2025"),
        ("date", "3 июня 2025 · Наука", "2025-06-03 @3 июня 2025"),
        ("date", "22 maja 2025", "2025-05-22 @22 maja 2025"),
        ("date", "MONDAY, 19 SEPTEMBER 2022, 07:08", "2022-09-19 @19 SEPTEMBER 2022"),
        ("date", "abril de 2025", "2025-04 @abril de 2025"),
        ("date", "September 2022", "2022-09 @September 2022"),
        // Not dates: no year, impossible parts, words that merely start like months.
        ("date", "March 11 (NNS)", "-"),
        ("date", "Mark 2025 as the year", "-"),
        ("date", "32/13/2025", "-"),
        ("date", "2022-13-01", "-"),
        ("date", "in 1850 and 2025", "-"),
        ("date", "12345-09-19", "-"),
        // "jui" could be juin or juillet: ambiguous abbreviations are rejected.
        ("date", "3 jui 2025", "-"),
        // Ambiguous numeric dates follow the page's own cues.
        ("page-date", "Posted 09/10/2022", "dmy 2022-10-09"),
        ("page-date", "Posted 09/10/2022. Earlier post: 9/19/2022", "mdy 2022-09-10"),
        ("page-date", "Posted 09/10/2022. Earlier post: 19/09/2022", "dmy 2022-10-09"),
        ("page-date", "Posted 09-10-2022, first reported Sept. 8, 2022", "mdy 2022-09-10"),
        ("page-date", "Posted 09/10/2022, first reported 8 September 2022", "dmy 2022-10-09"),
        // Dotted dates are day-first in every locale.
        ("page-date", "Posted 09.10.2022 (09/10/2022). Earlier post: 9/19/2022", "mdy 2022-10-09"),
        ("page-date", "9/19/2022", "dmy 2022-09-19"),
    ]);
}

#[test]
fn datelines() {
    check(&[
        ("dateline", "MOSCOW (AP) — A top Russian official", "MOSCOW|-|AP|MOSCOW (AP) —"),
        ("dateline", "VALEMOUTH, March 11 (NNS) – A judge", "VALEMOUTH|March 11|NNS|VALEMOUTH, March 11 (NNS) –"),
        ("dateline", "BERLIN/PARIS (Reuters) -European governments", "BERLIN/PARIS|-|Reuters|BERLIN/PARIS (Reuters) -"),
        ("dateline", "(Reuters) - Workers at the mine", "-|-|Reuters|(Reuters) -"),
        ("dateline", "VILA NOVA DE SERRABELA, 12 dez (AAN) – A Assembleia", "VILA NOVA DE SERRABELA|12 dez|AAN|VILA NOVA DE SERRABELA, 12 dez (AAN) –"),
        ("dateline", "OBERRIED AM SEE, 29. September (NDM) - Die Winzer", "OBERRIED AM SEE|29. September|NDM|OBERRIED AM SEE, 29. September (NDM) -"),
        ("dateline", "КАРРОУМИР, 3 июня (GDA) – Учёные", "КАРРОУМИР|3 июня|GDA|КАРРОУМИР, 3 июня (GDA) –"),
        ("dateline", "SAMARKAND, Uzbekistan (AP) — Leaders met", "SAMARKAND|-|AP|SAMARKAND, Uzbekistan (AP) —"),
        ("dateline", "KEMPTEN (dpa) - Die Bahnstrecke", "KEMPTEN|-|dpa|KEMPTEN (dpa) -"),
        ("dateline", "ASHCOMBE, Jan 9 (Wessex News Service) -- The old mill", "ASHCOMBE|Jan 9|Wessex News Service|ASHCOMBE, Jan 9 (Wessex News Service) --"),
        ("dateline", "LINDENPORT — Commuters are bracing", "LINDENPORT|-|-|LINDENPORT —"),
        ("dateline", "Villarreja, 8 de abril de 2025 (Agencia Meseta Noticias)", "Villarreja|8 de abril de 2025|Agencia Meseta Noticias|Villarreja, 8 de abril de 2025 (Agencia Meseta Noticias)"),
        // Scripts without capitals: only with an agency and a dash.
        ("dateline", "रेवन्सहोल्ट, १४ मार्च (नॉर्थगेट प्रेस) – रेवन्सहोल्ट शहर ने", "रेवन्सहोल्ट|१४ मार्च|नॉर्थगेट प्रेस|रेवन्सहोल्ट, १४ मार्च (नॉर्थगेट प्रेस) –"),
        ("dateline", "القاهرة (رويترز) - قال مسؤولون", "القاهرة|-|رويترز|القاهرة (رويترز) -"),
        ("dateline", "नई दिल्ली, 3 मार्च (भाषा) - सरकार ने", "नई दिल्ली|3 मार्च|भाषा|नई दिल्ली, 3 मार्च (भाषा) -"),
        // A job title is not an agency; the place stays.
        ("dateline", "सरनपुर, 20 मार्च (संवाददाता) – सरनपुर की युवा टीम", "सरनपुर|20 मार्च|-|सरनपुर, 20 मार्च (संवाददाता) –"),
        ("dateline", "LONDON (Staff Correspondent) - The mayor", "LONDON|-|-|LONDON (Staff Correspondent) -"),
        // Not datelines.
        ("dateline", "रेवन्सहोल्ट शहर ने मंगलवार को - नई सेवा", "-"),
        ("dateline", "सरकार ने कहा कि (कल) बैठक होगी - और", "-"),
        ("dateline", "A top Russian security official declared Monday", "-"),
        ("dateline", "MONDAY, 19 SEPTEMBER 2022, 07:08 Russia has deployed 400 inmates (Russia) to fight", "-"),
        ("dateline", "NATO officials said (in private) that", "-"),
        ("dateline", "Villarreja, la ciudad (Agencia) - algo", "-"),
    ]);
}

#[test]
fn credits() {
    check(&[
        ("photo", "Putin, left, in Samarkand, Friday, Sept. 16, 2022. (Sergei Bobylev, Sputnik, Kremlin Pool Photo via AP) (ASSOCIATED PRESS)", "AP @AP"),
        ("photo", "News footage in Beijing, China September 16, 2022. REUTERS/Tingshu Wang", "Reuters @REUTERS"),
        ("photo", "Passengers board the ferry. (AP Photo/Mira Jansen)", "AP @AP"),
        ("photo", "Rescuers search the rubble on Tuesday. EPA-EFE/Ali Haider", "EPA-EFE @EPA-EFE"),
        ("photo", "Des outils en silex découverts en 1998. Photo : Jean Roux / AFP", "AFP @AFP"),
        ("photo", "The ratio rose to 3/4 over the year, officials said.", "-"),
        ("attribution", "Ifølge Al-Jazeera, erklærte Nikolai Patrushev at", "Al-Jazeera"),
        ("attribution", "pay talks collapsed, according to Tidewater Press. The", "Tidewater Press"),
        ("attribution", "positif à l'EPO, selon l'agence AHP. La sanction", "AHP"),
        ("attribution", "segundo a Agência Atlântica de Notícias. A votação", "Agência Atlântica de Notícias"),
        ("attribution", "according to the Associated Press, which", "AP"),
        ("attribution", "según la agencia Northgate News Service (NNS), una", "NNS"),
        ("attribution", "Laut dpa hat die Bahn", "-"),
        // Companies, ministries and bodies are not news sources.
        ("attribution", "Laut Deutscher Bahn fallen die Züge aus", "-"),
        ("attribution", "according to Northwind Logistics, shipments fell", "-"),
        ("attribution", "according to NATO, troops moved", "-"),
        ("attribution", "selon le ministère de l'Intérieur, la police", "-"),
        // Outlets by name shape, agency noun or the small lexicon.
        ("attribution", "Laut Wessex Nachrichten fallen die Züge aus", "Wessex Nachrichten"),
        ("attribution", "according to Harbour TV, the ferry", "Harbour TV"),
        ("attribution", "as reported by The Kelby Times on Monday", "The Kelby Times"),
        ("attribution", "according to Interfax, the plant", "Interfax"),
        ("attribution", "according to KCNA, the launch", "KCNA"),
        ("attribution", "selon l'agence PSI, le vote", "PSI"),
        ("attribution", "according to union officials, after", "-"),
        ("attribution", "According to the judge, Orrin was aware", "-"),
        ("source", "Source: Global Dispatch Agency (GDA). Перевод редакции", "GDA"),
        ("source", "Translated from Portuguese. Source: Agência Atlântica de Notícias (AAN)", "AAN"),
        ("source", "Quelle: Northgate News Service (NNS), aus dem Englischen übersetzt", "NNS"),
        ("source", "Источник: Global Dispatch Agency (GDA). Перевод редакции", "GDA"),
        ("source", "via Fallowmere Ledger", "Fallowmere Ledger"),
        ("source", "Traducción de un despacho de la agencia Northgate News Service (NNS)", "NNS"),
        ("source", "Fighting via Proxy Wars", "-"),
        ("source", "The source of the leak", "-"),
        ("copyright", "© AHP 2025 - Tous droits réservés", "AHP"),
        ("copyright", "Copyright Tidewater Press 2025", "Tidewater Press"),
        ("copyright", "© AAN – Agência Atlântica de Notícias", "AAN"),
        ("copyright", "Copyright 2024 The Associated Press. All rights reserved.", "AP"),
        ("copyright", "The copyright of the photo", "-"),
        ("credit-line", "(Reporting by Clara Whitcombe; Editing by Peter Lanning)", "Reporting by Clara Whitcombe; Editing by Peter Lanning"),
        ("credit-line", "Reporting by the newsroom staff", "Reporting by the newsroom staff"),
        ("credit-line", "Reports by the council show", "-"),
        ("credit-names", "(Reporting by Clara Whitcombe; Editing by Peter Lanning)", "Reporter:Clara Whitcombe;Editor:Peter Lanning"),
        ("credit-names", "(Reporting by Jane Roe and Li Wei in Beijing; Additional reporting by Omar Haddad; Editing by Bob Ray, Ann Lee)", "Reporter:Jane Roe;Reporter:Li Wei;Reporter:Omar Haddad;Editor:Bob Ray;Editor:Ann Lee"),
        ("credit-names", "Writing by Tom Hale; editing by Kim Park.", "Reporter:Tom Hale;Editor:Kim Park"),
        ("credit-names", "Mit Material von dpa und AFP", "CreditLine:dpa;CreditLine:AFP"),
        ("credit-names", "Reporting by the newsroom staff", "-"),
        ("credit-names", "Reporting by Greg Ross, Koh Gui Qing, with reporting by Herb Lash and Meg Davies, editing by Martin Howe.", "Reporter:Greg Ross;Reporter:Koh Gui Qing;Reporter:Herb Lash;Reporter:Meg Davies;Editor:Martin Howe"),
        ("short-name", "GDA – Global Dispatch Agency", "GDA"),
        ("short-name", "(NDM - Nachrichtendienst Mittelland)", "NDM"),
        ("short-name", "Global Dispatch Agency (GDA)", "GDA"),
        ("short-name", "Tidewater Press", "Tidewater Press"),
        ("short-name", "ASSOCIATED PRESS", "AP"),
    ]);
}

#[test]
fn metadata_lines() {
    check(&[
        ("header", " date 2022-09-19 Russia, China agree to expand security ties", "2022-09-19|Russia, China agree to expand security ties"),
        ("header", "date 2022-09 annonse", "2022-09|annonse"),
        ("header", "date 2022-09-19", "-"),
        ("header", "Dates 2022-09-19 are", "-"),
        ("read-time", "·2 min read", "2 min read"),
        ("read-time", "Read Time:1 Minute, 37 Second", "Read Time:1 Minute, 37 Second"),
        ("read-time", "Reading time: 2 minutes", "Reading time: 2 minutes"),
        ("read-time", "Temps de lecture : 3 min", "Temps de lecture : 3 min"),
        ("read-time", "Lesezeit: 3 Minuten", "Lesezeit: 3 Minuten"),
        ("read-time", "Posted on 04/06/2025 by x - 3 minute read", "3 minute read"),
        ("read-time", "He ran 2 minutes behind", "-"),
        ("byline", "By Jane Roe", "Jane Roe"),
        ("byline", "Par Julien Marchetti", "Julien Marchetti"),
        ("byline", "Von Katrin Hollweg", "Katrin Hollweg"),
        ("byline", "By Helena Marsh, Science Correspondent", "Helena Marsh"),
        ("byline", "by metro_mira", "metro_mira"),
        ("byline", "By contrast, the council", "-"),
        ("byline", "Bystanders said", "-"),
        ("meta", "By Dana Whitlow | Coastal News Bureau", "date= updated=false byline=Dana Whitlow agency=Coastal News Bureau handles= read="),
        ("meta", "By Marcus Ellery, Continental Wire", "date= updated=false byline=Marcus Ellery agency=Continental Wire handles= read="),
        ("meta", "Par Camille Roussillon (DCE)", "date= updated=false byline=Camille Roussillon agency=DCE handles= read="),
        ("meta", "By Reuters", "date= updated=false byline= agency=Reuters handles= read="),
        ("meta", "Posted by harvest_hawk » 12 Mar 2025, 07:15  ·  Views: 1,204  ·  2 min read", "date=2025-03-12 updated=false byline= agency= handles=harvest_hawk read=2 min read"),
        ("meta", "Posted on 04/06/2025 by fossilfan_mo - 3 minute read", "date=2025-06-04 updated=false byline= agency= handles=fossilfan_mo read=3 minute read"),
        ("meta", "@ledger_newsdesk · 11 Mar 2025 · 3 min read", "date=2025-03-11 updated=false byline= agency= handles=@ledger_newsdesk read=3 min read"),
        ("meta", "Actualizado: 11/03/2025 · Economía · Agricultura", "date=2025-03-11 updated=true byline= agency= handles= read="),
        ("meta", "Publié le 12 février 2024 à 10h05, mis à jour le 13/02/2024 à 08h30", "date=2024-02-12 updated=false byline= agency= handles= read="),
        ("meta", "Monday 6 October 2025", "date=2025-10-06 updated=false byline= agency= handles= read="),
        // Prose and headlines that hold a date are not metadata lines.
        ("meta", "Storms on 11 March 2025 kill 12", "-"),
        ("meta", "By mid-morning, 37 departures had left more than an hour late and six flights had been cancelled.", "-"),
        ("meta", "Home | News | Sport", "-"),
    ]);
}
