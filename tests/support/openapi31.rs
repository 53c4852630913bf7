//! The OpenAPI 3.1 check the documents' tests share (`tests/service_docs.rs`, `tests/aide.rs`).

use serde_json::Value;
use std::process::Command;

/// Validates an OpenAPI document with the `openapi-spec-validator` package (installed from
/// PyPI when missing), which checks it against the official OpenAPI 3.1 schema.
pub fn validate_openapi_31(document: &Value) {
    let python = "python3";
    let has_validator = |python: &str| {
        Command::new(python)
            .args(["-c", "import openapi_spec_validator"])
            .status()
            .is_ok_and(|status| status.success())
    };
    if !has_validator(python) {
        let installed = Command::new(python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "openapi-spec-validator==0.9.*",
            ])
            .status()
            .is_ok_and(|status| status.success());
        assert!(
            installed && has_validator(python),
            "this test needs python3 with the openapi-spec-validator package (pip install openapi-spec-validator)"
        );
    }
    let path = std::env::temp_dir().join(format!("apierror-openapi-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_vec_pretty(document).unwrap()).unwrap();
    let output = Command::new(python)
        .args(["-m", "openapi_spec_validator", "--schema", "3.1"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "not valid OpenAPI 3.1:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
