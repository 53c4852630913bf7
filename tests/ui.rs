//! Compile-fail cases: every check of DESIGN.md section 2, one mistake per file.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
