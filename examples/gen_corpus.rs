//! Writes a synthetic news corpus for benchmarks:
//! `cargo run --release --example gen_corpus -- DIR COUNT [SEED]`.

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(count)) = (args.first(), args.get(1)) else {
        eprintln!("usage: gen_corpus DIR COUNT [SEED]");
        std::process::exit(2);
    };
    let count: usize = count.parse().expect("COUNT is a number");
    let seed: u64 = args
        .get(2)
        .map_or(1, |s| s.parse().expect("SEED is a number"));
    let bytes = claim_ledger::synth::write_corpus(std::path::Path::new(dir), count, seed)?;
    eprintln!("{count} articles, {bytes} bytes in {dir}");
    Ok(())
}
