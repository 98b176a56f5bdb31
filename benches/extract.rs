//! Extraction alone, one thread, on realistic text: the generated corpus and
//! the annotated dev articles. `cargo bench --bench extract`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use claim_ledger::extract::{Lexicon, extract};

fn corpus() -> Vec<String> {
    let mut texts: Vec<String> = (0..300).map(claim_ledger::synth::article).collect();
    let dev = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/dev");
    for entry in std::fs::read_dir(dev).expect("the dev corpus") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(std::fs::read_to_string(path).expect("UTF-8 article"));
        }
    }
    texts
}

fn extraction(c: &mut Criterion) {
    let texts = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    let lexicon = Lexicon::builtin();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("corpus", |b| {
        b.iter(|| {
            let mut claims = 0;
            for t in &texts {
                claims += extract(t, &lexicon).claims.len();
            }
            claims
        })
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
