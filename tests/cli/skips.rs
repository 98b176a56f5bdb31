//! A test that cannot run here (a tool or the shared material missing) says
//! so where the person running `cargo test` sees it. Checked by running
//! this test binary itself on such tests with nothing on `PATH` and no
//! shared material, as a machine without them would.

use std::process::Command;

#[test]
fn a_test_that_cannot_run_says_so_on_standard_error() {
    let me = std::env::current_exe().expect("the test binary");
    let nothing = tempfile::tempdir().unwrap();
    for (test, says) in [
        (
            "graph::graphviz_renders_the_dot_output_to_svg",
            "SKIPPED graphviz render test: dot is not on PATH",
        ),
        (
            "browser::chromium_shows_every_claim_with_its_source_details_and_panel",
            "SKIPPED browser test: chromium is not on PATH",
        ),
        (
            "datasette::datasette_serves_the_ledger_with_the_metadata",
            "SKIPPED datasette test: datasette is not on PATH",
        ),
        (
            "fitting_in::the_man_page_renders_and_lists_every_subcommand",
            "SKIPPED man page test: man is not on PATH",
        ),
        (
            "eval::eval_prints_the_same_figures_as_score_claims",
            "SKIPPED eval against score-claims",
        ),
        (
            "attribution::real_news_stays_above_its_floors",
            "SKIPPED real-news floors",
        ),
    ] {
        let out = Command::new(&me)
            .args(["--exact", test, "--test-threads", "1"])
            .env("PATH", nothing.path())
            .env("CLAIMS_SHARED", nothing.path())
            .env_remove("CI")
            .env_remove("CHROMIUM")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{test}: {stdout}{stderr}");
        assert!(stdout.contains("1 passed"), "{test} did not run: {stdout}");
        assert!(
            stderr.contains(says),
            "{test} skipped without a word: {stderr}"
        );
    }
}
