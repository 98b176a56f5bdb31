//! The shape the `extract` room keeps, checked on its own source so a
//! change that breaks it fails `cargo test`: no import circle between its
//! modules (the ground floor is `span`, `tokens`, `lexicon`, `model`), no
//! function longer than `MAX_FUNCTION_LINES`, no one-letter name bound in
//! a function longer than a screen (`SCREEN_LINES`), and no English word
//! list in the code (the lists live in `data/lexicons`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A function longer than this no longer reads on a screen or two.
const MAX_FUNCTION_LINES: usize = 120;

/// Every `.rs` file under `src/extract`, as (module path, text). The
/// module path of `frames/quoted.rs` is `frames::quoted`; of `mod.rs`,
/// its directory; of the room's own `mod.rs`, the empty path.
fn modules() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src/extract") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/extract");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(&root).expect("under the room");
            let mut parts: Vec<String> = relative
                .iter()
                .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            let text = std::fs::read_to_string(&path).expect("UTF-8 source");
            (parts.join("::"), text)
        })
        .collect()
}

/// Source text with string and char literals and comments blanked, so
/// braces and paths in them are not read as code.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '"' || (c == 'r' && matches!(next, Some('"' | '#'))) {
            // A string, raw or not: skip to its closing quote.
            let raw = c == 'r';
            let mut hashes = 0;
            i += 1;
            while raw && chars.get(i) == Some(&'#') {
                hashes += 1;
                i += 1;
            }
            i += usize::from(raw);
            while i < chars.len() {
                if !raw && chars[i] == '\\' {
                    i += 2;
                    continue;
                }
                let closes =
                    chars[i] == '"' && (0..hashes).all(|k| chars.get(i + 1 + k) == Some(&'#'));
                i += 1;
                if closes {
                    i += hashes;
                    break;
                }
            }
            out.push_str("\"\"");
        } else if c == '\'' && (chars.get(i + 2) == Some(&'\'') || next == Some('\\')) {
            // A char literal ('{', '\''); a lifetime has no closing quote.
            let close = (i + 2..chars.len()).find(|&k| chars[k] == '\'' && chars[k - 1] != '\\');
            i = close.map_or(i + 1, |k| k + 1);
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The name of the function a line defines, if it does: `fn` followed
/// by a name (not `fn(`, a function pointer type).
fn defines(line: &str) -> Option<&str> {
    let mut rest = line;
    while let Some(k) = rest.find("fn ") {
        let word_start = k == 0 || !rest[..k].ends_with(|c: char| c.is_alphanumeric() || c == '_');
        let after = rest[k + 3..].trim_start();
        let name_len = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if word_start && name_len > 0 {
            return Some(&after[..name_len]);
        }
        rest = &rest[k + 3..];
    }
    None
}

/// The functions of a source text as (name, first line, last line),
/// lines counted from 0, read on the code alone.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let code = code_only(text);
    let mut found = Vec::new();
    // (name, first line, brace depth of its body)
    let mut open: Vec<(String, usize, usize)> = Vec::new();
    let mut pending: Option<(String, usize)> = None;
    let (mut depth, mut brackets) = (0, 0);
    for (n, line) in code.lines().enumerate() {
        if pending.is_none()
            && let Some(name) = defines(line)
        {
            pending = Some((name.to_string(), n));
        }
        for c in line.chars() {
            match c {
                '{' => {
                    depth += 1;
                    if let Some((name, start)) = pending.take() {
                        open.push((name, start, depth));
                    }
                }
                '}' => {
                    if open.last().is_some_and(|f| f.2 == depth) {
                        let (name, start, _) = open.pop().expect("open");
                        found.push((name, start, n));
                    }
                    depth -= 1;
                }
                '[' => brackets += 1,
                ']' => brackets -= 1,
                // A declaration without a body (in a trait), not the `;`
                // of an array type (`-> [bool; 6]`).
                ';' if brackets == 0 => pending = None,
                _ => {}
            }
        }
    }
    found
}

/// The functions of a source text longer than the limit, as "name (n lines)".
fn long_functions(text: &str) -> Vec<String> {
    functions(text)
        .into_iter()
        .map(|(name, first, last)| (name, last - first + 1))
        .filter(|&(_, lines)| lines > MAX_FUNCTION_LINES)
        .map(|(name, lines)| format!("{name} ({lines} lines)"))
        .collect()
}

/// Past this many lines a function no longer fits on a screen, and a
/// one-letter name bound in it has to be looked up to be read.
const SCREEN_LINES: usize = 60;

/// One-letter names that `let`, `for` or `Some(..)` bind in functions
/// longer than a screen, as "function: name", outside the test module.
/// `t`, the sentence's tokens everywhere in the room, is the exception;
/// closure parameters (`|k| t.is_cap(k)`) live on one line and are fine.
fn one_letter_names(text: &str) -> Vec<String> {
    let tests = regex::Regex::new(r"#\[cfg\(test\)\]\s*mod ").expect("test module pattern");
    let tests_from = tests
        .find(text)
        .map_or(usize::MAX, |m| text[..m.start()].lines().count());
    let code = code_only(text);
    let lines: Vec<&str> = code.lines().collect();
    let binding =
        regex::Regex::new(r"(?:\blet (?:mut )?|\bfor &?(?:mut )?|\blet Some\(&?)([a-z])\b")
            .expect("binding pattern");
    let tuple = regex::Regex::new(r"\b(?:let|for) \(([^()]*)\)").expect("tuple pattern");
    let mut found = BTreeSet::new();
    for (name, first, last) in functions(text) {
        if last - first < SCREEN_LINES || first >= tests_from {
            continue;
        }
        for line in &lines[first..=last] {
            let singles = binding.captures_iter(line).map(|c| c[1].to_string());
            let in_tuples = tuple.captures_iter(line).flat_map(|c| {
                c[1].split(',')
                    .map(|part| {
                        part.trim()
                            .trim_start_matches('&')
                            .trim_start_matches("mut ")
                            .to_string()
                    })
                    .collect::<Vec<_>>()
            });
            for letter in singles.chain(in_tuples) {
                if letter.len() == 1 && letter != "t" && letter != "_" {
                    found.insert(format!("{name}: {letter}"));
                }
            }
        }
    }
    found.into_iter().collect()
}

/// The modules of the room a module's code refers to, through `super::`,
/// `crate::extract::` or one of its own child modules. A test module
/// (`#[cfg(test)] mod tests`) is left out: tests may reach anywhere.
fn imports(module: &str, text: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let text = text.split("#[cfg(test)]\nmod tests").next().expect("text");
    let code = code_only(text);
    let here: Vec<&str> = module.split("::").filter(|p| !p.is_empty()).collect();
    // `super` from a file module is its parent; from a `mod.rs`, the
    // parent of its directory: both are `here` without its last part.
    let parent: Vec<&str> = here[..here.len().saturating_sub(1)].to_vec();
    let tokens: Vec<&str> = code
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .filter(|t| t.contains("::"))
        .collect();
    let mut out = BTreeSet::new();
    for path in tokens {
        let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
        let mut target: Vec<&str> = match parts.first() {
            Some(&"super") => {
                let ups = parts.iter().take_while(|p| **p == "super").count();
                let mut base = parent.clone();
                base.truncate(parent.len().saturating_sub(ups - 1));
                base.extend(&parts[ups..]);
                base
            }
            Some(&"crate") if parts.get(1) == Some(&"extract") => parts[2..].to_vec(),
            Some(first) if known.contains(&[here.clone(), vec![*first]].concat().join("::")) => {
                [here.clone(), parts.clone()].concat()
            }
            _ => continue,
        };
        // The longest module the path names.
        while !target.is_empty() && !known.contains(&target.join("::")) {
            target.pop();
        }
        let target = target.join("::");
        if target != module {
            out.insert(target);
        }
    }
    out
}

/// What `find` finds in each module of the room (its tests left out
/// where the rule says so), each as "extract::module: what".
fn in_every_module(skip: &[&str], find: impl Fn(&str) -> Vec<String>) -> Vec<String> {
    modules()
        .into_iter()
        .filter(|(module, _)| !skip.contains(&module.as_str()))
        .flat_map(|(module, text)| {
            find(&text)
                .into_iter()
                .map(move |found| format!("extract::{module}: {found}"))
        })
        .collect()
}

#[test]
fn no_function_in_the_room_is_longer_than_a_screen_or_two() {
    let long = in_every_module(&[], long_functions);
    assert!(
        long.is_empty(),
        "over {MAX_FUNCTION_LINES} lines: {long:#?}"
    );
}

#[test]
fn the_length_rule_reads_functions_as_rust_does() {
    let body: String = (0..130).map(|_| "    x += 1;\n").collect();
    let text = format!("fn long() {{\n    let c = '}}';\n{body}}}\nfn short() {{ \"{{\" }}\n");
    assert_eq!(long_functions(&text), ["long (133 lines)"]);
}

#[test]
fn no_one_letter_name_in_a_function_longer_than_a_screen() {
    let names = in_every_module(&[], one_letter_names);
    assert!(
        names.is_empty(),
        "one-letter names in functions over {SCREEN_LINES} lines: {names:#?}"
    );
}

#[test]
fn the_name_rule_reads_bindings_not_closures_or_short_functions() {
    let body: String = (0..60).map(|_| "    x += 1;\n").collect();
    let text = format!(
        "fn long(t: &Tokens) {{\n    let mut k = 0;\n    for (n, w) in v {{}}\n    \
         let t = 1;\n    if let Some(p) = q {{}}\n    let word = s.find(|c| c > 1);\n    return Some(i + 1);\n{body}}}\n\
         fn short() {{ let k = 1; }}\n"
    );
    assert_eq!(
        one_letter_names(&text),
        ["long: k", "long: n", "long: p", "long: w"]
    );
}

/// English word lists written into the code: three or more lowercase
/// words as the alternatives of a pattern (`"and" | "but" | "or"`), in
/// the code before its test module, comments left out. Punctuation
/// (`"." | "!" | "?"`) is no word list.
fn word_lists_in_code(text: &str) -> Vec<String> {
    let tests = regex::Regex::new(r"#\[cfg\(test\)\]\s*mod ").expect("test module pattern");
    let code = &text[..tests.find(text).map_or(text.len(), |m| m.start())];
    let code: Vec<&str> = code
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect();
    let word = r#""[a-z][a-z'.]*""#;
    let list =
        regex::Regex::new(&format!(r"{word}(?:\s*\|\s*{word}){{2,}}")).expect("list pattern");
    list.find_iter(&code.join("\n"))
        .map(|m| m.as_str().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn no_english_word_list_is_written_into_the_code() {
    // The room's tests may name the words they test.
    let lists = in_every_module(&["attribution_tests", "room_rules"], word_lists_in_code);
    assert!(
        lists.is_empty(),
        "word lists in code, which belong in data/lexicons: {lists:#?}"
    );
}

#[test]
fn the_word_list_rule_finds_lists_across_lines_and_nothing_else() {
    let text = concat!(
        "fn f(low: &str) -> bool {\n",
        "    // \"not\" | \"a\" | \"list\" in a comment\n",
        "    matches!(low, \"a\" | \"one\") || matches!(low, \".\" | \"!\" | \"?\")\n",
        "        || matches!(low, \"and\" | \"but\"\n            | \"or\")\n",
        "}\n",
        "#[cfg(test)]\nmod tests {\n    const W: [&str; 3] = [\"x\"]; fn g() { matches!(1, \"a\" | \"b\" | \"c\"); }\n}\n",
    );
    assert_eq!(word_lists_in_code(text), [r#""and" | "but" | "or""#]);
}

#[test]
fn no_import_circle_inside_the_room() {
    let modules = modules();
    let known: BTreeSet<String> = modules.iter().map(|(m, _)| m.clone()).collect();
    let graph: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|(m, text)| (m.clone(), imports(m, text, &known)))
        .collect();
    assert!(graph["frames::quoted"].contains("frames::draft"));
    assert!(graph["mentions"].contains("span"));
    // Depth-first search; a module met again while still on the path
    // closes a circle.
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(k) = path.iter().position(|p| p == m) {
            let mut circle = path[k..].to_vec();
            circle.push(m.to_string());
            return Some(circle);
        }
        if !done.insert(m.to_string()) {
            return None;
        }
        path.push(m.to_string());
        for next in &graph[m] {
            if let Some(circle) = visit(next, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        let circle = visit(m, &graph, &mut Vec::new(), &mut done);
        assert!(circle.is_none(), "import circle: {circle:?}");
    }
}
