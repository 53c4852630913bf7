//! The runtime builds warning-free without its default features: a server-only build (the
//! framework integrations and logging, neither the client side nor the documents) and a bare
//! one. The root package's other tests see every feature (`--all-features`), so without this
//! a `#[cfg]` missing on something `client` or `docs` owns would go unnoticed.
//!
//! Each combination is a `cargo check` of `apierror` (library and unit tests, one of which
//! derives a type with every kind of attribute) in its own target directory under this
//! package's, so it does not wait on or invalidate the build running the tests.

use std::path::Path;
use std::process::Command;

/// Cargo in this workspace, building into the target directory these checks share.
fn cargo() -> Command {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("features");
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target);
    command
}

/// `cargo check -p apierror --no-default-features --features <features> --all-targets`:
/// succeeds, and neither apierror nor apierror-derive has a warning.
fn check(features: &str) {
    let mut command = cargo();
    command
        .args([
            "check",
            "--quiet",
            "--locked",
            "-p",
            "apierror",
            "--all-targets",
        ])
        .args(["--no-default-features", "--features", features]);
    let output = command
        .output()
        .unwrap_or_else(|error| panic!("running {command:?}: {error}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "`--features {features:?}` does not build:\n{stderr}"
    );
    // With `--quiet`, cargo prints only diagnostics, replayed for units already built; those of
    // crates.io dependencies are capped, so any warning is apierror's or the derive's.
    assert!(
        !stderr.contains("warning"),
        "`--features {features:?}` builds with warnings:\n{stderr}"
    );
}

#[test]
fn server_only_and_bare_builds_are_warning_free() {
    check("axum,actix,tracing");
    check("");
    // One framework alone, with validation: code shared between the frameworks, the client
    // and the validators (field paths, rejection reading) is built for each on its own.
    check("actix,validator");
    // Translations without the client, the documents or a framework; and with one framework.
    check("fluent");
    // With the documents but no OpenAPI generator: what only OpenAPI examples use is not built.
    check("docs,fluent");
    check("axum,fluent");
    // Each OpenAPI generator alone: the document code they share (examples with values, the
    // generator-neutral responses) is built for either.
    check("aide");
    check("utoipa");
    // gRPC alone: no client side (no `RemoteError::from_status`), no log.
    check("tonic");
    // gRPC with translations, without an HTTP framework: the tonic layer negotiates alone.
    check("tonic,fluent");
}

/// `cargo doc -p apierror --no-deps --all-features` with `-D warnings`: every intra-doc link of
/// the runtime resolves (a build without some features leaves those features' names unlinked,
/// allowed in `lib.rs`; this build, docs.rs's, has every item).
#[test]
fn the_runtime_docs_link_every_item_with_all_features() {
    let mut command = cargo();
    command.env("RUSTDOCFLAGS", "-D warnings").args([
        "doc",
        "--quiet",
        "--locked",
        "--no-deps",
        "-p",
        "apierror",
        "--all-features",
    ]);
    let output = command
        .output()
        .unwrap_or_else(|error| panic!("running {command:?}: {error}"));
    assert!(
        output.status.success(),
        "the runtime's docs do not build warning-free:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
