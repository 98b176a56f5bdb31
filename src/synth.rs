//! Synthetic news articles for benchmarks and scale tests: deterministic
//! from a seed, with the constructions the claims model covers (attribution
//! before and after the content, chains, quotations across sentences and
//! paragraphs, pronouns, quantities, declined comment, denials, scraping
//! junk and words broken across lines), so the extractor and the ledger are measured
//! on real-shaped text. Names are made up from syllables.

/// SplitMix64: tiny, fast and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "an", "bri", "cal", "den", "fa", "gor",
    "hal", "is", "jor", "ke", "lin", "mar", "nor", "os", "pel", "quin", "ras", "sel", "tor", "ul",
    "var", "wen", "yel", "zan",
];
const ROLES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "senior analyst",
    "director of research",
    "deputy minister",
    "economist",
    "professor of law",
    "union leader",
    "chief executive",
    "police chief",
];
const ORG_HEADS: &[&str] = &[
    "Ministry of Trade",
    "Port Authority",
    "Workers' Union",
    "Central Bank",
    "Health Agency",
    "Energy Commission",
    "Institute for Policy Studies",
    "Shipping Company",
    "City Council",
    "Defense Ministry",
];
const MEDIA_HEADS: &[&str] = &["News Agency", "Times", "Herald", "Daily", "Broadcasting"];
const ANONYMOUS: &[&str] = &[
    "officials",
    "analysts",
    "two people familiar with the matter",
    "a senior official",
    "critics",
    "residents",
    "diplomats",
    "a government source",
];
const REPORT_VERBS: &[&str] = &[
    "said",
    "stated",
    "noted",
    "added",
    "warned",
    "claimed",
    "argued",
    "announced",
];
const UNITS: &[&str] = &[
    "workers",
    "ships",
    "percent",
    "containers",
    "troops",
    "homes",
    "patients",
    "jobs",
];
const PREDICATES: &[&str] = &[
    "had been stationed near the border",
    "were waiting at anchor outside the port",
    "would be affected by the new rules",
    "had joined the strike by Thursday evening",
    "were moved to temporary shelters",
    "could lose their jobs if the plan went ahead",
];
const OPINIONS: &[&str] = &[
    "The plan is unlikely to succeed without wider support",
    "We will not accept any deal that ignores our members",
    "This decision was a serious mistake",
    "The figures may be revised in the coming weeks",
    "We are keeping all options open",
    "Nobody has been able to confirm the reports",
];
const JUNK: &[&str] = &[
    "Share this article",
    "Advertisement",
    "Subscribe to our newsletter",
    "[image: photo-1200x800.jpg]",
    "Related: More stories from the region",
    "spot_imgspot_img",
];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

fn word(rng: &mut Rng, syllables: usize) -> String {
    let mut w: String = (0..syllables).map(|_| rng.pick(SYLLABLES)).collect();
    if let Some(first) = w.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    w
}

fn person(rng: &mut Rng) -> (String, String) {
    let first = word(rng, 2);
    let syllables = 2 + rng.below(2);
    let last = word(rng, syllables);
    (format!("{first} {last}"), last)
}

fn organisation(rng: &mut Rng) -> String {
    format!("{} {}", word(rng, 3), rng.pick(ORG_HEADS))
}

fn media(rng: &mut Rng) -> String {
    format!("{} {}", word(rng, 2), rng.pick(MEDIA_HEADS))
}

fn count(rng: &mut Rng) -> String {
    let n = 2 + rng.below(40_000);
    let approx = if rng.chance(40) {
        rng.pick(&["about ", "more than ", "nearly ", "at least "])
    } else {
        ""
    };
    let n = if n >= 1000 {
        format!("{},{:03}", n / 1000, n % 1000)
    } else {
        n.to_string()
    };
    format!("{approx}{n} {}", rng.pick(UNITS))
}

/// One article of roughly 2–4 KB.
pub fn article(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut paragraphs: Vec<String> = Vec::new();
    if rng.chance(40) {
        paragraphs.push(rng.pick(JUNK).to_string());
    }
    let city = word(&mut rng, 3);
    let outlet = media(&mut rng);
    let org = organisation(&mut rng);
    let other_org = organisation(&mut rng);
    let (speaker, speaker_last) = person(&mut rng);
    let (expert, expert_last) = person(&mut rng);
    paragraphs.push(format!(
        "{org} Faces Questions Over {} in {city}",
        word(&mut rng, 3)
    ));
    if rng.chance(60) {
        let (byline, _) = person(&mut rng);
        paragraphs.push(format!("By {byline}"));
    }
    let day = rng.pick(DAYS);
    let lead_count = count(&mut rng);
    paragraphs.push(format!(
        "{} - The {org} said on {day} that {lead_count} {}, a figure that could not be independently verified.",
        city.to_uppercase(),
        rng.pick(PREDICATES)
    ));
    // Both speakers are introduced in full before anything refers back.
    paragraphs.push(format!(
        "\u{201c}{}.\u{201d} said {speaker}, a {} at the {org}. {expert}, an expert at the {}, said the {} was {}.",
        rng.pick(OPINIONS),
        rng.pick(ROLES),
        organisation(&mut rng),
        rng.pick(&["plan", "ruling", "deal", "proposal"]),
        rng.pick(&["overdue", "likely to be challenged", "unlikely to pass", "a turning point"])
    ));
    let body_paragraphs = 12 + rng.below(8);
    for _ in 0..body_paragraphs {
        let p = match rng.below(12) {
            0 => format!(
                "According to {outlet}, the {other_org} revealed that {} {}.",
                count(&mut rng),
                rng.pick(PREDICATES)
            ),
            1 => format!(
                "\u{201c}{}. {},\u{201d} said {speaker}, a {} at the {org}.",
                rng.pick(OPINIONS),
                rng.pick(OPINIONS),
                rng.pick(ROLES)
            ),
            2 => format!(
                "{speaker_last} {} that {} {}, and {} the talks would resume on {}.",
                rng.pick(REPORT_VERBS),
                count(&mut rng),
                rng.pick(PREDICATES),
                rng.pick(&["he said", "she said"]),
                rng.pick(DAYS)
            ),
            3 => format!(
                "{} reported, citing {}, that {} {}.",
                media(&mut rng),
                rng.pick(ANONYMOUS),
                count(&mut rng),
                rng.pick(PREDICATES)
            ),
            4 => format!(
                "{} said the decision {} and warned of \u{201c}{}\u{201d}.",
                capitalise(rng.pick(ANONYMOUS)),
                rng.pick(&[
                    "was rushed",
                    "came too late",
                    "would hurt exporters",
                    "was overdue"
                ]),
                rng.pick(&["serious consequences", "a long dispute", "further delays"])
            ),
            5 => format!(
                "The {other_org} declined to comment. A spokesman for the {org} did not respond to a request for comment on {day}."
            ),
            6 => format!(
                "\u{201c}{}.\n\n\u{201c}{},\u{201d} {expert}, {} at the {}, told reporters.",
                rng.pick(OPINIONS),
                rng.pick(OPINIONS),
                rng.pick(ROLES),
                organisation(&mut rng)
            ),
            7 => format!(
                "{expert_last} added that the {} had {} since {}, calling it {}.",
                rng.pick(&["costs", "delays", "complaints", "prices"]),
                rng.pick(&[
                    "risen 12 percent",
                    "doubled",
                    "fallen by a third",
                    "risen by 4.5 percent"
                ]),
                2015 + rng.below(9),
                rng.pick(&[
                    "\u{201c}unacceptable\u{201d}",
                    "a warning sign",
                    "\u{201c}a mistake\u{201d}"
                ])
            ),
            8 => format!(
                "The {org} has operated in {city} since {} and employs {} across the region, follo\nwing a merger in {}.",
                1950 + rng.below(60),
                count(&mut rng),
                1990 + rng.below(30)
            ),
            9 => format!(
                "The {org} denied that {} {}, calling the reports \u{201c}{}\u{201d}.",
                count(&mut rng),
                rng.pick(PREDICATES),
                rng.pick(&["baseless", "false", "misleading"])
            ),
            10 => format!(
                "{speaker_last} {} claims that the {other_org} had {} the figures.",
                rng.pick(&["rejected", "dismissed", "denied"]),
                rng.pick(&["inflated", "hidden", "misreported"])
            ),
            _ => format!(
                "Officials at the {org} said {} {} before the end of the year.",
                count(&mut rng),
                rng.pick(PREDICATES)
            ),
        };
        paragraphs.push(p);
        if rng.chance(8) {
            paragraphs.push(rng.pick(JUNK).to_string());
        }
    }
    paragraphs.push(format!("\u{a9} 2024 {outlet}. All rights reserved."));
    let mut text = paragraphs.join("\n\n");
    text.push('\n');
    text
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Writes `count` articles named `NNNNNNN.txt` into `dir`, 1,000 to a
/// subdirectory; returns the bytes written.
pub fn write_corpus(dir: &std::path::Path, count: usize, seed: u64) -> std::io::Result<u64> {
    let mut bytes = 0u64;
    for i in 0..count {
        let sub = dir.join(format!("{:04}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub)?;
        }
        let text = article(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
        bytes += text.len() as u64;
        std::fs::write(sub.join(format!("{i:07}.txt")), text)?;
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_article_and_others_differ() {
        assert_eq!(article(7), article(7));
        assert_ne!(article(7), article(8));
        let a = article(42);
        assert!(a.len() > 800, "{}", a.len());
        assert!(a.contains(" said") || a.contains(" told"), "{a}");
    }

    #[test]
    fn a_corpus_holds_every_kind_of_claim() {
        let lexicon = crate::extract::Lexicon::builtin();
        let mut kinds = std::collections::BTreeSet::new();
        for seed in 0..40 {
            for claim in crate::extract::extract(&article(seed), &lexicon).claims {
                kinds.insert(claim.kind.as_str());
            }
        }
        assert_eq!(kinds.len(), 6, "{kinds:?}");
    }
}
