//! `Translations::negotiate` / `negotiate_values` (feature `fluent`) on arbitrary
//! `Accept-Language` values against a few languages: never panics; the answer is one of the
//! loaded languages; a malformed header (over `MAX_HEADER_LEN` bytes, over `MAX_RANGES` ranges,
//! a byte that is not visible ASCII, space or tab) gets the default; several values mean the
//! same as one joined with commas; an exact tag asked alone with q=1 is chosen.
#![no_main]

use apierror::Catalog;
use apierror::locale::{MAX_HEADER_LEN, MAX_RANGES, Translations};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, LazyLock};

const LANGUAGES: [&str; 6] = ["en", "fr", "de-DE", "pt-BR", "zh-Hant-TW", "sr-Latn"];

static TRANSLATIONS: LazyLock<Arc<Translations>> = LazyLock::new(|| {
    let mut translations = Translations::new("en", Catalog::EMPTY).expect("en");
    for tag in &LANGUAGES[1..] {
        translations = translations
            .with_ftl(tag, &format!("{tag}.ftl"), &format!("apierror-status-404 = {tag} 404\n"))
            .expect("loads");
    }
    Arc::new(translations)
});

fn malformed(values: &[&[u8]]) -> bool {
    let total: usize = values.iter().map(|v| v.len() + 1).sum();
    let ranges: usize = values
        .iter()
        .map(|v| v.iter().filter(|&&b| b == b',').count() + 1)
        .sum();
    total > MAX_HEADER_LEN + 1
        || ranges > MAX_RANGES
        || values
            .iter()
            .any(|v| v.iter().any(|&b| !(b == b'\t' || (0x20..0x7f).contains(&b))))
}

fuzz_target!(|data: &[u8]| {
    let translations = &*TRANSLATIONS;
    // Values separated by NUL bytes: several header values.
    let values: Vec<&[u8]> = data.split(|&b| b == 0).take(8).collect();
    let locale = translations.negotiate_values(values.iter().copied());
    assert!(LANGUAGES.contains(&locale.tag()), "unknown tag {}", locale.tag());
    if malformed(&values) {
        assert!(locale.is_default(), "malformed {values:?} gave {}", locale.tag());
        return;
    }
    // Visible ASCII, so UTF-8. The same as one value joined with commas.
    let joined = values
        .iter()
        .map(|v| std::str::from_utf8(v).unwrap())
        .collect::<Vec<_>>()
        .join(",");
    let one = translations.negotiate(&joined);
    assert_eq!(one.tag(), locale.tag(), "joined {joined:?}");
    // And split at its commas into several values.
    let split: Vec<&[u8]> = joined.as_bytes().split(|&b| b == b',').collect();
    let several = translations.negotiate_values(split.iter().copied());
    assert_eq!(several.tag(), locale.tag(), "split {joined:?}");
    // A loaded tag in front, alone with q=1 and nothing refusing it: that language.
    if let Some(first) = data.first() {
        let tag = LANGUAGES[usize::from(*first) % LANGUAGES.len()];
        let front = format!("{tag}, {joined}");
        if !malformed(&[front.as_bytes()]) && !joined.contains(';') {
            let chosen = translations.negotiate(&front);
            assert_eq!(chosen.tag(), tag, "{front:?}");
        }
    }
});
