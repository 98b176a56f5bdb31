fn main() -> std::process::ExitCode {
    claim_ledger::cli::run()
}
