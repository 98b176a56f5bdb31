//! A small builder that runs the real `claims` binary against a ledger in a
//! fresh temporary directory and checks what a user would see.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The default ledger of every command run here.
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("claims.db")
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// `claims ARGS` run in this directory with `CLAIMS_DB` unset, so the
    /// default `./claims.db` is the ledger.
    pub fn claims(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_claims"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .env_remove("CLAIMS_DB")
            .env_remove("CLAIMS_LEXICONS")
            .env("NO_COLOR", "1");
        Run { cmd, stdin: None }
    }

    /// The rows a query on ledger `db` returns, as JSON objects.
    pub fn rows(&self, db: &str, sql: &str) -> serde_json::Value {
        self.claims(&["--db", db, "sql", sql, "-f", "json"])
            .run()
            .success()
            .json()
    }

    /// The single number a query on ledger `db` returns.
    pub fn scalar(&self, db: &str, sql: &str) -> i64 {
        let rows = self.rows(db, sql);
        let row = rows[0].as_object().expect("one row");
        row.values()
            .next()
            .and_then(|v| v.as_i64())
            .expect("a number")
    }

    /// Imports the sample article shipped in `data/sample/`.
    pub fn import_sample(&self) -> Output {
        self.claims(&["import", &sample_dir().display().to_string()])
            .run()
            .success()
    }
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The project's shared material (the scorer, the corpora): `CLAIMS_SHARED`,
/// or `shared` beside the checkout.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("CLAIMS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared"))
}

/// Says that a test, or a part of one, did not run and why. Written to the
/// process's standard error directly: the test harness captures what
/// `eprintln!` prints and shows it only for failures, and a skip must not
/// pass unseen. In CI (`CI=true`) a skip of something CI installs is a
/// failure instead.
pub fn skip(test: &str, missing: &str, ci_installs_it: bool) {
    if ci_installs_it && std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test}: {missing}, and CI must run this test");
    }
    let _ = writeln!(
        std::io::stderr(),
        "\n!!! SKIPPED {test}: {missing}{}\n",
        if ci_installs_it { "; CI runs it" } else { "" }
    );
}

/// A tool the test drives for real, found on `PATH`; `None` after saying so.
pub fn tool_or_skip(test: &str, name: &str, package: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        skip(
            test,
            &format!("{name} is not on PATH (install {package})"),
            true,
        );
    }
    found
}

pub fn sample_dir() -> PathBuf {
    repo_root().join("data/sample")
}

pub fn corpus_dir(name: &str) -> PathBuf {
    repo_root().join("tests/corpus").join(name)
}

pub struct Run {
    cmd: Command,
    stdin: Option<Vec<u8>>,
}

impl Run {
    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Run {
        self.stdin = Some(input.into());
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Run {
        self.cmd.env(key, value);
        self
    }

    pub fn run(mut self) -> Output {
        self.cmd
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self.cmd.spawn().expect("the claims binary runs");
        if let Some(input) = self.stdin.take() {
            let mut pipe = child.stdin.take().unwrap();
            std::thread::spawn(move || {
                let _ = pipe.write_all(&input);
            });
        }
        let out = child.wait_with_output().unwrap();
        Output {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

#[derive(Debug)]
pub struct Output {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    #[track_caller]
    pub fn success(self) -> Output {
        assert_eq!(
            self.code,
            Some(0),
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn code(self, expected: i32) -> Output {
        assert_eq!(
            self.code,
            Some(expected),
            "expected exit code {expected}\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).expect("stdout is JSON")
    }

    pub fn jsonl(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is JSON"))
            .collect()
    }
}
