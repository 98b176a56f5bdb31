//! Attribution frames: finds in one sentence the words that attribute a
//! statement ("X said", "according to X", "“...,” said X", "X put it
//! this way: “...”", "..., ruling that ..."), and splits the sentence into
//! the content (the claim) and the frame (speaker, cue, chain). The result
//! is a list of drafts per sentence, each naming token ranges; who the
//! ranges refer to is settled later by `chains`, `mentions` and `parties`.
//!
//! # The patterns, in the order they are tried
//!
//! [`PATTERNS`] is the one place that orders the attempts. Each row is a
//! named pattern with a worked example; the first row whose function
//! returns `Some` reads the sentence, and an empty list there means the
//! sentence makes no claim. One row, "cue words", walks the sentence's cue
//! words left to right and tries the frame of each ([`CUES`]: "according
//! to", "was quoted as saying", a reporting verb with its subject); the
//! row before it lets a reporting verb that closes the sentence ("...,
//! the agency reported.") outrank a cue inside the content it closes.
//!
//! The files: `plain` (no frame), `quoted` (quotation marks), `reported`
//! and `according` (cue words), the grammar helpers `subjects`, `objects`
//! and `clauses` (methods on [`FrameFinder`]), `draft` (what patterns
//! produce) and `finder` (the terms the tables are written in).
//!
//! # Adding a pattern
//!
//! One table row, one function and one test. Say "In the words of the
//! minister, the plan is dead." should attribute "the plan is dead" to
//! the minister. The function goes in its family's file (`reported.rs`):
//!
//! ```text
//! /// "In the words of X, A."
//! pub(super) fn in_the_words_of(f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
//!     let (t, start) = (f.t, sentence.start);
//!     let opens = ["in", "the", "words", "of"].iter().enumerate().all(|(k, w)| t.is(start + k, w));
//!     if !opens {
//!         return None;
//!     }
//!     let comma = (start + 4..sentence.trimmed).find(|&k| t.is_punct(k, ","))?;
//!     let speaker = Layer::speaker((start + 4, comma));
//!     let content = (comma + 1, sentence.trimmed);
//!     Some(vec![Draft::reported(content, (start, start + 4), vec![speaker], None)])
//! }
//! ```
//!
//! The row goes where it should be tried, here before "closing frame":
//!
//! ```text
//! Pattern {
//!     name: "in the words of",
//!     example: Example {
//!         sentence: "In the words of the minister, the plan is dead.",
//!         finds: &[("the plan is dead", &["the minister"])],
//!     },
//!     find: reported::in_the_words_of,
//!     reported: true,
//! },
//! ```
//!
//! The table's test (`every_example_is_read_by_its_own_pattern`) then
//! checks that the example is read by this row and finds what the row
//! says; the pattern's own test (in `tests` below, with `frames(..)`) covers
//! what the example does not, such as the phrase in mid-sentence. A cue
//! word that may sit anywhere in the sentence is a row of [`CUES`]
//! instead: the word it starts with (if fixed), a test for the cue and
//! the frame around it.

mod according;
mod clauses;
mod draft;
mod finder;
mod objects;
mod plain;
mod quoted;
mod reported;
mod subjects;

pub use draft::{Draft, Layer};
pub use finder::FrameFinder;
use finder::{Cue, CuePattern, Example, Pattern, Sentence};

/// The sentence patterns, in the order they are tried.
pub static PATTERNS: &[Pattern] = &[
    Pattern {
        name: "nothing left",
        example: Example {
            sentence: "…",
            finds: &[],
        },
        find: plain::nothing_left,
        reported: false,
    },
    Pattern {
        name: "question",
        example: Example {
            sentence: "Who will pay for it?",
            finds: &[],
        },
        find: plain::question,
        reported: false,
    },
    Pattern {
        name: "lead-in",
        example: Example {
            sentence: "The governor told the assembly:",
            finds: &[(
                "The governor told the assembly",
                &["the assembly", "The governor"],
            )],
        },
        find: quoted::lead_in,
        reported: false,
    },
    Pattern {
        name: "fragment",
        example: Example {
            sentence: "Developing.",
            finds: &[],
        },
        find: plain::fragment,
        reported: false,
    },
    Pattern {
        name: "transition",
        example: Example {
            sentence: "Here is what we know.",
            finds: &[],
        },
        find: plain::transition,
        reported: false,
    },
    Pattern {
        name: "continued quotation",
        example: Example {
            sentence: "“Not this year.”",
            finds: &[("Not this year.", &[])],
        },
        find: quoted::continued_quotation,
        reported: false,
    },
    Pattern {
        name: "quoted question",
        example: Example {
            sentence: "“Why now?” she asked.",
            finds: &[("Why now?", &["she"])],
        },
        find: quoted::quoted_question,
        reported: false,
    },
    Pattern {
        name: "quotation then frame",
        example: Example {
            sentence: "“We are not leaving,” said Omar Haddad, a tenant leader.",
            finds: &[("We are not leaving", &["Omar Haddad, a tenant leader"])],
        },
        find: quoted::quotation_then_frame,
        reported: false,
    },
    Pattern {
        name: "frame then quotation",
        example: Example {
            sentence: "The landlord was defiant: “I will not sell.”",
            finds: &[("I will not sell", &["The landlord"])],
        },
        find: quoted::frame_then_quotation,
        reported: false,
    },
    Pattern {
        name: "as X said",
        example: Example {
            sentence: "As the mayor told the Courier, the tunnel will open in May.",
            finds: &[("the tunnel will open in May", &["the Courier", "the mayor"])],
        },
        find: reported::as_frame,
        reported: true,
    },
    Pattern {
        name: "closing frame",
        example: Example {
            sentence: "The army said that two drones were downed, the state news agency reported.",
            finds: &[(
                "two drones were downed",
                &["the state news agency", "The army"],
            )],
        },
        find: closing_frame,
        reported: true,
    },
    Pattern {
        name: "and said",
        example: Example {
            sentence: "Mayor Ana Ruiz toured the shelter and said the city would pay for repairs.",
            finds: &[
                ("Mayor Ana Ruiz toured the shelter", &[]),
                ("the city would pay for repairs", &["Mayor Ana Ruiz"]),
            ],
        },
        find: reported::and_said,
        reported: true,
    },
    Pattern {
        name: "cue words",
        example: Example {
            sentence: "The water board said in a statement that the reservoir was full.",
            finds: &[("the reservoir was full", &["The water board"])],
        },
        find: at_cues,
        reported: true,
    },
    Pattern {
        name: "stance adjective",
        example: Example {
            sentence: "The tenants' union is concerned that rents will rise again.",
            finds: &[("rents will rise again", &["The tenants' union"])],
        },
        find: reported::stance,
        reported: true,
    },
    Pattern {
        name: "passive with by",
        example: Example {
            sentence: "The closure was announced by the ministry on Monday.",
            finds: &[("The closure was announced", &["the ministry"])],
        },
        find: reported::passive_by,
        reported: true,
    },
    Pattern {
        name: "participle",
        example: Example {
            sentence: "The tribunal annulled the contract, ruling that the tender was rigged.",
            finds: &[
                ("The tribunal annulled the contract", &[]),
                ("the tender was rigged", &["The tribunal"]),
            ],
        },
        find: reported::participle,
        reported: true,
    },
    Pattern {
        name: "own voice",
        example: Example {
            sentence: "The budget passed.",
            finds: &[("The budget passed", &[])],
        },
        find: plain::own_voice,
        reported: true,
    },
];

/// "According to X, A", "A, according to X".
pub static ACCORDING_TO: CuePattern = CuePattern {
    name: "according to",
    example: Example {
        sentence: "Snow will fall tonight, according to the weather service.",
        finds: &[("Snow will fall tonight", &["the weather service"])],
    },
    word: Some("according"),
    at: according::is_according_to,
    frame: according::according_frame,
};

/// "X was quoted (by Y) as saying A".
pub static QUOTED_AS_SAYING: CuePattern = CuePattern {
    name: "quoted as saying",
    example: Example {
        sentence: "The mayor was quoted by the Daily Star as saying the bridge would reopen.",
        finds: &[("the bridge would reopen", &["the Daily Star", "The mayor"])],
    },
    word: Some("quoted"),
    at: reported::is_quoted_as_saying,
    frame: reported::passive_quote_frame,
};

/// "X said (that) A", "A, X said", "A, said X", "X quoted Y as saying A".
pub static REPORTING_VERB: CuePattern = CuePattern {
    name: "reporting verb",
    example: Example {
        sentence: "Repairs will take two weeks, she said on Friday.",
        finds: &[("Repairs will take two weeks", &["she"])],
    },
    word: None,
    at: reported::is_reporting_verb,
    frame: reported::verb_frame,
};

/// The cue words, in the order they are tested at each word; a cue inside
/// a quotation is none, and a cue starts at a word.
pub static CUES: &[&CuePattern] = &[&ACCORDING_TO, &QUOTED_AS_SAYING, &REPORTING_VERB];

impl FrameFinder<'_, '_> {
    /// The drafts of the sentence `[start, end)`.
    pub fn analyze(&self, start: usize, end: usize) -> Vec<Draft> {
        self.read(start, end).1
    }

    /// The pattern that reads the sentence, and its drafts.
    fn read(&self, start: usize, end: usize) -> (&'static Pattern, Vec<Draft>) {
        let sentence = Sentence::new(self, start, end);
        for pattern in PATTERNS {
            if let Some(drafts) = (pattern.find)(self, &sentence) {
                let drafts = if pattern.reported {
                    reported::split_statements(self, drafts, &sentence)
                } else {
                    drafts
                };
                return (pattern, drafts);
            }
        }
        unreachable!("the own-voice pattern reads every sentence")
    }
}

/// The cue words of the sentence, found once.
fn cues<'s>(f: &FrameFinder, sentence: &'s Sentence) -> &'s [Cue] {
    sentence.cues.get_or_init(|| {
        (sentence.start..sentence.trimmed)
            .filter(|&at| f.t.is_word(at) && !f.t.quoted(at))
            .filter_map(|at| {
                CUES.iter()
                    .find(|cue| {
                        cue.word.is_none_or(|w| f.t.is(at, w)) && (cue.at)(f, at, sentence.start)
                    })
                    .map(|&pattern| Cue { at, pattern })
            })
            .collect()
    })
}

/// A reporting verb closing the sentence after another cue ("The army
/// said that A, the agency reported.") frames it, when what it finds is
/// a statement before it with a speaker.
fn closing_frame(f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
    let cues = cues(f, sentence);
    let last = cues.last()?;
    if cues.len() < 2 || !std::ptr::eq(last.pattern, &REPORTING_VERB) {
        return None;
    }
    let verb = last.at;
    if !f.verb_info(verb).is_some_and(|i| i.speech) {
        return None;
    }
    let drafts = reported::verb_frame(f, verb, sentence.start, sentence.trimmed)?;
    drafts
        .iter()
        .any(|x| x.cue == Some((verb, verb + 1)) && x.span.1 < verb && !x.layers.is_empty())
        .then_some(drafts)
}

/// The frame of the first cue word, left to right, that has one.
fn at_cues(f: &FrameFinder, sentence: &Sentence) -> Option<Vec<Draft>> {
    cues(f, sentence)
        .iter()
        .find_map(|cue| (cue.pattern.frame)(f, cue.at, sentence.start, sentence.trimmed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Lexicon;
    use crate::extract::model::Mode;
    use crate::extract::quotes::QuoteTracker;
    use crate::extract::tokens::{Tokens, tokenize};

    /// A drafted claim as text: content, speaker regions outermost first,
    /// mode.
    type Read = (String, Vec<String>, Mode);

    fn as_text(toks: &Tokens, drafts: Vec<Draft>) -> Vec<Read> {
        drafts
            .into_iter()
            .map(|d| {
                (
                    toks.span_text(d.span.0, d.span.1).to_string(),
                    d.layers
                        .iter()
                        .map(|l| toks.span_text(l.region.0, l.region.1).to_string())
                        .collect(),
                    d.mode,
                )
            })
            .collect()
    }

    /// The pattern that reads `text` as one sentence, the cues found in
    /// it, and its drafts.
    fn read(text: &str) -> (&'static str, Vec<&'static str>, Vec<Read>) {
        let lex = Lexicon::builtin();
        let lower = text.to_ascii_lowercase();
        let mut toks = tokenize(text, &lower, 0, text.len(), &lex);
        QuoteTracker::new().mark(&mut toks);
        let f = FrameFinder::new(&toks, &lex);
        let n = toks.toks.len();
        let (pattern, drafts) = f.read(0, n);
        let sentence = Sentence::new(&f, 0, n);
        let cues = cues(&f, &sentence).iter().map(|c| c.pattern.name).collect();
        (pattern.name, cues, as_text(&toks, drafts))
    }

    /// (content text, speaker regions as text outermost first, mode)
    fn frames(text: &str) -> Vec<Read> {
        read(text).2
    }

    fn finds(example: &Example) -> Vec<(String, Vec<String>)> {
        example
            .finds
            .iter()
            .map(|(content, speakers)| {
                let speakers = speakers.iter().map(|s| s.to_string()).collect();
                (content.to_string(), speakers)
            })
            .collect()
    }

    fn without_modes(reads: Vec<Read>) -> Vec<(String, Vec<String>)> {
        reads.into_iter().map(|(c, s, _)| (c, s)).collect()
    }

    #[test]
    fn every_example_is_read_by_its_own_pattern() {
        for pattern in PATTERNS {
            let (name, _, drafts) = read(pattern.example.sentence);
            assert_eq!(name, pattern.name, "{:?}", pattern.example.sentence);
            assert_eq!(
                without_modes(drafts),
                finds(&pattern.example),
                "{}",
                pattern.name
            );
        }
        for cue in CUES {
            let (name, cues, drafts) = read(cue.example.sentence);
            assert_eq!(name, "cue words", "{:?}", cue.example.sentence);
            assert_eq!(cues.first(), Some(&cue.name), "{:?}", cue.example.sentence);
            assert_eq!(without_modes(drafts), finds(&cue.example), "{}", cue.name);
        }
    }

    #[test]
    fn pattern_names_are_unique() {
        let mut names: Vec<&str> = PATTERNS.iter().map(|p| p.name).collect();
        names.extend(CUES.iter().map(|c| c.name));
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }

    #[test]
    fn leading_frame_with_that() {
        let f = frames("The water board said in a statement that the reservoir was full.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "the reservoir was full");
        assert_eq!(f[0].1, ["The water board"]);
        assert_eq!(f[0].2, Mode::Indirect);
    }

    #[test]
    fn long_adjuncts_before_that() {
        let f = frames(
            "The company said in a filing with the Securities and Exchange Commission that profits fell.",
        );
        assert_eq!(f[0].0, "profits fell");
    }

    #[test]
    fn trailing_frame_with_pronoun_and_time() {
        let f = frames("Repairs will take two weeks, she said on Friday.");
        assert_eq!(f[0].0, "Repairs will take two weeks");
        assert_eq!(f[0].1, ["she"]);
    }

    #[test]
    fn quotation_then_inverted_speaker_with_apposition() {
        let f = frames("“We are not leaving,” said Omar Haddad, a tenant leader in Leeds.");
        assert_eq!(f[0].0, "We are not leaving");
        assert_eq!(f[0].1, ["Omar Haddad, a tenant leader in Leeds"]);
        assert_eq!(f[0].2, Mode::Direct);
    }

    #[test]
    fn split_quotation_is_one_claim() {
        let f = frames("“The bridge is safe,” the engineer said, “but it needs paint.”");
        assert_eq!(f.len(), 1);
        assert!(f[0].0.starts_with("The bridge is safe"));
        assert!(f[0].0.ends_with("but it needs paint."));
        assert_eq!(f[0].1, ["the engineer"]);
    }

    #[test]
    fn according_to_in_every_position() {
        let f = frames("According to the weather service, snow will fall tonight.");
        assert_eq!(f[0].0, "snow will fall tonight");
        assert_eq!(f[0].1, ["the weather service"]);
        let f = frames("Snow will fall tonight, according to the weather service.");
        assert_eq!(f[0].0, "Snow will fall tonight");
        let f = frames("Snow, according to the weather service, will fall tonight.");
        assert_eq!(f[0].0, "will fall tonight");
    }

    #[test]
    fn frames_inside_the_content_and_appositions_after_according_to() {
        let f = frames("The plan, the mayor said, would cost $5 million.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "The plan, the mayor said, would cost $5 million");
        assert_eq!(f[0].1, ["the mayor"]);
        let f = frames("According to Jane Roe, a spokeswoman for the port, ships were waiting.");
        assert_eq!(f[0].0, "ships were waiting");
        assert_eq!(f[0].1, ["Jane Roe, a spokeswoman for the port"]);
        let f = frames("Ships, according to Jane Roe, a spokeswoman for the port, were waiting.");
        assert_eq!(f[0].0, "were waiting");
    }

    #[test]
    fn citing_and_told_outlet_make_chains() {
        let f = frames("The Evening Post reported, citing two aides, that the mayor would resign.");
        assert_eq!(f[0].0, "the mayor would resign");
        assert_eq!(f[0].1, ["The Evening Post", "two aides"]);
        let f = frames("A farmer told the Valley Herald that the river had burst its banks.");
        assert_eq!(f[0].1, ["the Valley Herald", "A farmer"]);
    }

    #[test]
    fn passive_quotation_and_opening_adverbials() {
        let f = frames("The mayor was quoted by the Daily Star as saying the bridge would reopen.");
        assert_eq!(f[0].0, "the bridge would reopen");
        assert_eq!(f[0].1, ["the Daily Star", "The mayor"]);
        let f = frames("But the ministry said the talks had failed.");
        assert_eq!(f[0].1, ["the ministry"]);
        let f = frames("Speaking to Radio Kestrel, the governor said roads were open.");
        assert_eq!(f[0].1, ["Radio Kestrel", "the governor"]);
    }

    #[test]
    fn outlets_that_carried_a_statement() {
        let f = frames("The ministry said the talks had failed, according to state media.");
        assert_eq!(f[0].0, "the talks had failed");
        assert_eq!(f[0].1, ["state media", "The ministry"]);
        let f = frames("According to the Herald, which cited two officials, the deal collapsed.");
        assert_eq!(f[0].0, "the deal collapsed");
        assert_eq!(f[0].1, ["the Herald, which cited two officials"]);
    }

    #[test]
    fn quoting_is_citing() {
        let f = frames(
            "The Kyodo news agency, quoting a fire official, said three people were trapped.",
        );
        assert_eq!(f[0].1, ["The Kyodo news agency, quoting a fire official,"]);
        let f = frames("Two people were trapped, the agency said, quoting a fire official.");
        assert_eq!(f[0].1, ["the agency", "a fire official"]);
    }

    #[test]
    fn a_closing_frame_carries_a_statement_made_inside() {
        let f =
            frames("The army said that two drones were downed, the state news agency reported.");
        assert_eq!(f[0].0, "two drones were downed");
        assert_eq!(f[0].1, ["the state news agency", "The army"]);
        let f = frames("“All is calm,” the minister told state television late on Sunday.");
        assert_eq!(f[0].1, ["state television", "the minister"]);
    }

    #[test]
    fn nested_frame_inside_reported_content() {
        let f = frames("According to the gazette, the minister revealed that taxes would rise.");
        assert_eq!(f[0].0, "taxes would rise");
        assert_eq!(f[0].1, ["the gazette", "the minister"]);
    }

    #[test]
    fn colon_quote_takes_the_subject() {
        let f = frames("The landlord was defiant: “I will not sell.”");
        assert_eq!(f[0].0, "I will not sell");
        assert_eq!(f[0].1, ["The landlord"]);
        assert_eq!(f[0].2, Mode::Direct);
    }

    #[test]
    fn subordinate_and_participle_frames_leave_a_plain_claim() {
        let f = frames("The strike began a day after the union leader said talks had failed.");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].0, "The strike began a day after");
        assert!(f[0].1.is_empty());
        assert_eq!(f[1].0, "talks had failed");
        assert_eq!(f[1].1, ["the union leader"]);
        let f = frames("The tribunal annulled the contract, ruling that the tender was rigged.");
        assert_eq!(f[0].0, "The tribunal annulled the contract");
        assert_eq!(f[1].0, "the tender was rigged");
        assert_eq!(f[1].1, ["The tribunal"]);
    }

    #[test]
    fn refusal_to_comment_is_split_off() {
        let f = frames("The airline said flights had resumed, but declined to comment further.");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].0, "flights had resumed");
        assert_eq!(f[1].0, "declined to comment further");
        assert!(f[1].1.is_empty());
    }

    #[test]
    fn narration_with_reporting_words_is_not_attributed() {
        let f = frames("The retailer reported a loss of $5 million last year.");
        assert!(f[0].1.is_empty());
        let f = frames("The suspects, believed to be brothers, have not commented.");
        assert!(f[0].1.is_empty());
        let f = frames("Its reported deployment drew protests.");
        assert!(f[0].1.is_empty());
    }

    #[test]
    fn told_an_audience_with_an_adjunct_before_that() {
        let f = frames(
            "The mayor told residents at a town hall meeting on Monday that the bridge would reopen.",
        );
        assert_eq!(f[0].0, "the bridge would reopen");
        assert_eq!(f[0].1, ["residents", "The mayor"]);
        // "call" here is a noun, not a second reporting verb.
        let f = frames("Mei-Ling Cho told investors on a call that sales had slowed.");
        assert_eq!(f[0].0, "sales had slowed");
        assert_eq!(f[0].1, ["investors", "Mei-Ling Cho"]);
        let f = frames(
            "The founder told staff during an earnings call on Tuesday that hiring would stop.",
        );
        assert_eq!(f[0].0, "hiring would stop");
        let f = frames(
            "On Friday, chief financial officer Dana Ruiz told analysts on a call that margins would narrow.",
        );
        assert_eq!(f[0].0, "margins would narrow");
        assert_eq!(f[0].1, ["analysts", "chief financial officer Dana Ruiz"]);
    }

    #[test]
    fn inverted_frame_opening_the_sentence() {
        let f = frames("Said the minister: “We will not back down.”");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "We will not back down");
        assert_eq!(f[0].1, ["the minister"]);
        assert_eq!(f[0].2, Mode::Direct);
        let f = frames("Added Ortiz, “Nobody will be hurt.”");
        assert_eq!(f[0].0, "Nobody will be hurt");
        assert_eq!(f[0].1, ["Ortiz"]);
        let f = frames("Noted economist Jane Roe said: “Prices will fall.”");
        assert_eq!(f[0].1, ["Noted economist Jane Roe"]);
        let f = frames("Says Jane Roe, a lawyer for the firm: “The deal is dead.”");
        assert_eq!(f[0].1, ["Jane Roe, a lawyer for the firm"]);
        // A participle opening is no frame.
        let f = frames("Said to be close to the minister, the aide declined to comment.");
        assert!(f[0].1.is_empty());
    }

    #[test]
    fn documents_released_by_an_issuer_carry_their_content() {
        let f = frames(
            "The figures, released by the statistics agency on Tuesday, showed output fell 0.3 percent.",
        );
        assert_eq!(f[0].0, "output fell 0.3 percent");
        assert_eq!(
            f[0].1,
            ["The figures, released by the statistics agency on Tuesday,"]
        );
        // With no issuer named, the figures are the source, as "new polls
        // show" makes the polls one.
        let f = frames("The figures showed a rise.");
        assert_eq!(f[0].1, ["The figures"]);
    }

    #[test]
    fn a_counter_claim_in_apposition_is_a_second_claim() {
        let f = frames("The rebels seized the town, a claim the army denied.");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].0, "The rebels seized the town");
        assert!(f[0].1.is_empty());
        assert_eq!(f[1].0, "a claim the army denied");
        assert_eq!(f[1].1, ["the army"]);
    }

    #[test]
    fn commas_inside_a_listing_name() {
        let f = frames("The strike will go ahead, the Rail, Tram and Bus Union said.");
        assert_eq!(f[0].0, "The strike will go ahead");
        assert_eq!(f[0].1, ["the Rail, Tram and Bus Union"]);
        let f = frames("The Rail, Tram and Bus Union said the strike would go ahead.");
        assert_eq!(f[0].1, ["The Rail, Tram and Bus Union"]);
    }

    #[test]
    fn a_passive_reporting_verb_names_its_source_after_by() {
        let f = frames("The closure was announced by the ministry on Monday.");
        assert_eq!(f[0].0, "The closure was announced");
        assert_eq!(f[0].1, ["the ministry"]);
        let f = frames("The vote was delayed by the storm.");
        assert!(f[0].1.is_empty());
    }

    #[test]
    fn questions_and_transitions_yield_nothing() {
        assert!(frames("Who will pay for it?").is_empty());
        assert!(frames("Here is what we know so far.").is_empty());
    }
}
