//! Compile-fail cases: every check the README's "Compile-time checks" lists, one mistake per file.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
