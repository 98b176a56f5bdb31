//! What makes `claims` feel like the CLIs people already use: completions
//! and a man page from the clap definition, colour that honours the user,
//! help that opens with examples.

use std::process::Command;

use crate::harness::Workdir;
use crate::harness::tool_or_skip;

const NEW_SUBCOMMANDS: [&str; 7] = [
    "report",
    "graph",
    "completions",
    "man",
    "datasette-metadata",
    "upgrade",
    "reextract",
];

#[test]
fn bash_completion_parses_and_completes_subcommands_and_formats() {
    let w = Workdir::new();
    let script = w.claims(&["completions", "bash"]).run().success().stdout;
    let path = w.write("claims.bash", &script);
    let syntax = Command::new("bash").arg("-n").arg(&path).output().unwrap();
    assert!(
        syntax.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&syntax.stderr)
    );
    // Ask the completion function what it offers, as bash would on TAB.
    let complete = |words: &str, current: usize| -> String {
        let out = Command::new("bash")
            .arg("-c")
            .arg(format!(
                "source '{}'; COMP_WORDS=({words}); COMP_CWORD={current}; \
                 COMP_LINE='{words}'; COMP_POINT=${{#COMP_LINE}}; \
                 _claims claims \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
                 printf '%s\\n' \"${{COMPREPLY[@]}}\"",
                path.display()
            ))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let subcommands = complete("claims ''", 1);
    for name in NEW_SUBCOMMANDS.iter().chain(&["import", "show", "export"]) {
        assert!(
            subcommands.lines().any(|l| l == *name),
            "{name} in {subcommands}"
        );
    }
    let formats = complete("claims graph --format ''", 3);
    let mut got: Vec<&str> = formats.lines().collect();
    got.sort();
    assert_eq!(got, ["dot", "json", "mermaid"]);
    let exports = complete("claims export --format ''", 3);
    assert!(exports.lines().any(|l| l == "claimreview"), "{exports}");
}

#[test]
fn completions_for_every_shell_name_the_subcommands() {
    let w = Workdir::new();
    for (shell, marker) in [
        ("zsh", "#compdef claims"),
        ("fish", "complete -c claims"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = w.claims(&["completions", shell]).run().success().stdout;
        assert!(script.contains(marker), "{shell}");
        for name in NEW_SUBCOMMANDS {
            assert!(script.contains(name), "{shell} completes {name}");
        }
    }
    w.claims(&["completions", "tcsh"]).run().code(2);
}

#[test]
fn the_man_page_renders_and_lists_every_subcommand() {
    let w = Workdir::new();
    let page = w.claims(&["man"]).run().success().stdout;
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq"),
        "roff from clap_mangen"
    );
    assert!(page.contains(".TH claims 1"), "{page}");
    let Some(man) = tool_or_skip("man page test", "man", "man-db") else {
        return;
    };
    let path = w.write("claims.1", &page);
    let out = Command::new(man)
        .args(["-P", "cat", "-l"])
        .arg(&path)
        .env("MANWIDTH", "100")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    // man may embolden with backspaces; compare the plain letters.
    let plain: String = strip_overstrike(&text);
    for name in NEW_SUBCOMMANDS
        .iter()
        .chain(&["import", "rests-on", "export", "sql"])
    {
        assert!(
            plain.contains(&format!("claims-{name}(1)")),
            "{name} in\n{plain}"
        );
    }
    assert!(plain.contains("--color"), "{plain}");
    assert!(
        plain.contains("EXAMPLES") && plain.contains("claims import data/sample/"),
        "the help's examples close the page:\n{plain}"
    );

    // One page per subcommand on request.
    let out = w.claims(&["man", "-o", "man"]).run().success();
    assert!(out.stdout.is_empty());
    for name in NEW_SUBCOMMANDS {
        let page = std::fs::read_to_string(w.path().join(format!("man/claims-{name}.1")))
            .unwrap_or_else(|e| panic!("claims-{name}.1: {e}"));
        assert!(page.contains(&format!(".TH claims-{name} 1")), "{page}");
        assert!(page.contains(".SH EXAMPLES"), "{name}");
    }
}

fn strip_overstrike(text: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        if c == '\u{8}' {
            out.pop();
        } else {
            out.push(c);
        }
    }
    out.into_iter().collect()
}

#[test]
fn every_new_subcommand_opens_its_help_with_examples() {
    let w = Workdir::new();
    for name in NEW_SUBCOMMANDS {
        let help = w.claims(&[name, "--help"]).run().success().stdout;
        assert!(help.starts_with("Examples:\n  claims "), "{name}:\n{help}");
    }
}

#[test]
fn colour_is_forced_or_refused_by_the_flag_and_off_in_a_pipe() {
    let w = Workdir::new();
    w.import_sample();
    const ESC: &str = "\u{1b}[";
    // The harness sets NO_COLOR: `always` is a request that beats it.
    let always = w.claims(&["--color", "always", "articles"]).run().success();
    assert!(always.stdout.contains(ESC), "{}", always.stdout);
    let never = w.claims(&["articles", "--color", "never"]).run().success();
    assert!(!never.stdout.contains(ESC));
    let piped = w.claims(&["articles"]).env("NO_COLOR", "").run().success();
    assert!(!piped.stdout.contains(ESC), "a pipe is not a terminal");
    // Data formats never carry colour.
    let csv = w
        .claims(&["--color", "always", "articles", "-f", "csv"])
        .run()
        .success();
    assert!(!csv.stdout.contains(ESC));
    w.claims(&["--color", "sometimes", "articles"])
        .run()
        .code(2);
}

/// `claims ARGS` on a pseudo-terminal (util-linux `script`), with only the
/// environment given here deciding about colour.
fn on_terminal(w: &Workdir, env: &[(&str, &str)], args: &str) -> String {
    let script =
        tool_or_skip("colour test", "script", "bsdutils").expect("script ships with every Debian");
    let mut cmd = Command::new(script);
    cmd.arg("-qec")
        .arg(format!("'{}' {args}", env!("CARGO_BIN_EXE_claims")))
        .arg("/dev/null")
        .current_dir(w.path())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLAIMS_DB")
        .env("TERM", "xterm-256color");
    for (key, value) in env {
        cmd.env(key, value);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn on_a_terminal_colour_honours_no_color_and_dumb_terminals() {
    let w = Workdir::new();
    w.import_sample();
    const ESC: &str = "\u{1b}[";
    let coloured = on_terminal(&w, &[], "sources");
    assert!(
        coloured.contains(ESC),
        "a terminal gets colour:\n{coloured}"
    );
    let no_color = on_terminal(&w, &[("NO_COLOR", "1")], "articles");
    assert!(!no_color.contains(ESC), "NO_COLOR:\n{no_color}");
    let dumb = on_terminal(&w, &[("TERM", "dumb")], "articles");
    assert!(!dumb.contains(ESC), "TERM=dumb:\n{dumb}");
    let never = on_terminal(&w, &[], "--color never articles");
    assert!(!never.contains(ESC), "--color never:\n{never}");
    let forced = on_terminal(&w, &[("NO_COLOR", "1")], "--color always articles");
    assert!(forced.contains(ESC), "--color always:\n{forced}");
}
