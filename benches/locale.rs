//! Localized rendering: `apierror::to_json` of one error in French against the same error in
//! the default language, in the same run (the feature `fluent`). Three sides per envelope:
//! `default` (no locale in the context: the fast path as it was), `default_locale` (the
//! context carries the default language: must cost the same), `fr` (translated with Fluent).
//! Setup asserts each side's bytes before timing.
//!
//! `cargo bench -p apierror-workspace --bench locale`; the ratios are in BENCHMARKS.md
//! ("Localized messages").

use apierror::locale::Translations;
use apierror::{ApiError, Context, Format};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, thiserror::Error, ApiError)]
enum TaskError {
    /// A static message.
    #[status(404)]
    #[code("NOT_FOUND")]
    #[message("The task could not be found")]
    #[error("missing")]
    Static,

    /// A message with an integer (a plural in French) and a string.
    #[status(409)]
    #[code("LOCKED")]
    #[message("Task {id} is locked by {owner}")]
    #[error("locked")]
    Interp { id: u64, owner: String },
}

const FR: &str = "\
NOT_FOUND = La tâche est introuvable
LOCKED = { $id ->
    [one] La tâche { $id } est verrouillée par { $owner }
   *[other] La tâche n° { $id } est verrouillée par { $owner }
}
apierror-status-404 = Introuvable
apierror-status-409 = Conflit
";

fn localized(c: &mut Criterion) {
    let translations = Arc::new(
        Translations::new("en", TaskError::catalog())
            .unwrap()
            .with_ftl("fr", "fr.ftl", FR)
            .unwrap(),
    );
    let base = Context::default().with_request_id("req-1");
    let sides = [
        ("default", base.clone(), false),
        (
            "default_locale",
            base.clone().with_locale(translations.locale("en").unwrap()),
            false,
        ),
        (
            "fr",
            base.clone().with_locale(translations.locale("fr").unwrap()),
            true,
        ),
    ];
    let errors = [
        ("a_static", TaskError::Static),
        (
            "b_interp",
            TaskError::Interp {
                id: 7,
                owner: "ana".to_owned(),
            },
        ),
    ];
    for format in [Format::Flat, Format::Problem, Format::Google] {
        let mut group = c.benchmark_group(format!("locale_{format}"));
        for (name, err) in &errors {
            let default = apierror::to_json(err, format, &base);
            for (side, ctx, translated) in &sides {
                let body = String::from_utf8(apierror::to_json(err, format, ctx)).unwrap();
                assert_eq!(
                    body.contains("tâche"),
                    *translated,
                    "{format} {name} {side}: {body}"
                );
                if !translated {
                    assert_eq!(body.as_bytes(), default, "{format} {name} {side}");
                }
                group.bench_function(BenchmarkId::new(*side, name), |b| {
                    b.iter(|| apierror::to_json(black_box(err), black_box(format), ctx));
                });
            }
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = localized
}
criterion_main!(benches);
