//! The OpenAPI 3.1 check the documents' tests share (`tests/service_docs.rs`, `tests/aide.rs`),
//! against vendored schemas only (DESIGN.md §8: no downloads in tests):
//!
//! 1. the document is valid against the OpenAPI Initiative's published OAS 3.1 schema
//!    (`tests/fixtures/schemas/oas-3.1-2022-10-07.json`, `$id`
//!    `https://spec.openapis.org/oas/3.1/schema/2022-10-07`);
//! 2. every local `$ref` (`#/...`) anywhere in it resolves;
//! 3. every Schema Object (a media type's, a parameter's, a header's and each of
//!    `components.schemas`) is a valid JSON Schema draft 2020-12 schema (the metaschema) and
//!    compiles with the document as its base, so its `$ref`s and `pattern`s work;
//! 4. `operationId`s are unique, and each `{param}` of a path template is declared as an
//!    `in: path` parameter of every operation under it (OAS 3.1 §4.8.8, "Path Templating").

use serde_json::{Value, json};
use std::collections::HashSet;

/// The vendored OAS 3.1 schema.
const OAS_31_SCHEMA: &str = include_str!("../fixtures/schemas/oas-3.1-2022-10-07.json");

/// The `$id` the document gets as an embedded schema resource, so that its `#/...` references
/// resolve against the document itself.
const DOCUMENT_ID: &str = "urn:apierror:test:openapi-document";

/// Panics with every violation found when `document` is not a valid OpenAPI 3.1 document.
pub fn validate_openapi_31(document: &Value) {
    let problems = problems(document);
    assert!(
        problems.is_empty(),
        "not a valid OpenAPI 3.1 document:\n{}",
        problems.join("\n")
    );
}

/// Every violation found in `document`, one line each (empty for a valid document).
pub fn problems(document: &Value) -> Vec<String> {
    let mut problems = Vec::new();

    let schema: Value = serde_json::from_str(OAS_31_SCHEMA).expect("the vendored OAS 3.1 schema");
    let validator = jsonschema::draft202012::new(&schema).expect("the OAS 3.1 schema compiles");
    for error in validator.iter_errors(document) {
        problems.push(format!(
            "OAS 3.1 schema: at {}: {error}",
            error.instance_path()
        ));
    }

    let mut refs = Vec::new();
    collect_refs(document, &mut refs);
    for reference in &refs {
        match reference.strip_prefix('#') {
            Some(pointer) if document.pointer(&unescape_fragment(pointer)).is_none() => {
                problems.push(format!("`$ref` {reference:?} resolves to nothing"));
            }
            Some(_) => {}
            None => problems.push(format!("`$ref` {reference:?} is not local")),
        }
    }

    let mut schemas = Vec::new();
    collect_schema_objects(document, &mut schemas);
    let mut base = document.clone();
    base["$id"] = Value::from(DOCUMENT_ID);
    for (path, schema) in &schemas {
        if let Err(error) = jsonschema::draft202012::meta::validate(schema) {
            problems.push(format!(
                "Schema Object at {path}: not a 2020-12 schema: {error}"
            ));
            continue;
        }
        // The Schema Object as a subschema of the document: `{"$ref": "<document>#<path>"}`,
        // with the document embedded as a resource of its own.
        let wrapper = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$defs": {"document": base},
            "$ref": format!("{DOCUMENT_ID}#{}", encode_fragment(path)),
        });
        if let Err(error) = jsonschema::draft202012::new(&wrapper) {
            problems.push(format!("Schema Object at {path} does not compile: {error}"));
        }
    }

    let mut operation_ids = HashSet::new();
    if let Some(paths) = document["paths"].as_object() {
        for (template, item) in paths {
            let params = template_params(template);
            let item_params = item.get("parameters");
            for (method, operation) in item.as_object().into_iter().flatten() {
                if !is_method(method) {
                    continue;
                }
                if let Some(id) = operation["operationId"].as_str()
                    && !operation_ids.insert(id.to_owned())
                {
                    problems.push(format!("operationId {id:?} is used twice"));
                }
                for param in &params {
                    let declared = [operation.get("parameters"), item_params]
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_array)
                        .flatten()
                        .map(|parameter| resolve(document, parameter))
                        .any(|parameter| parameter["in"] == "path" && parameter["name"] == *param);
                    if !declared {
                        problems.push(format!(
                            "{method} {template}: the path parameter {param:?} is not declared"
                        ));
                    }
                }
            }
        }
    }

    problems
}

fn is_method(key: &str) -> bool {
    matches!(
        key,
        "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
    )
}

/// The `{name}`s of a path template, in order.
fn template_params(template: &str) -> Vec<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// `value`, or what its `$ref` points at in `document`.
fn resolve<'a>(document: &'a Value, value: &'a Value) -> &'a Value {
    value["$ref"]
        .as_str()
        .and_then(|reference| reference.strip_prefix('#'))
        .and_then(|pointer| document.pointer(&unescape_fragment(pointer)))
        .unwrap_or(value)
}

/// A URI fragment's percent-escapes decoded (`%7B` in `#/paths/~1tasks~1%7Bid%7D`), leaving a
/// JSON Pointer.
fn unescape_fragment(fragment: &str) -> String {
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes
            .get(index + 1..index + 3)
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (bytes[index], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                index += 3;
            }
            (byte, _) => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(out).expect("a UTF-8 fragment")
}

/// A JSON Pointer as a URI fragment: what RFC 3986's `fragment` does not allow percent-encoded
/// (`{` as `%7B`).
fn encode_fragment(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for byte in pointer.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Every `$ref` string in `value`.
fn collect_refs(value: &Value, refs: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, member) in map {
                match (key.as_str(), member) {
                    ("$ref", Value::String(reference)) => refs.push(reference.clone()),
                    _ => collect_refs(member, refs),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_refs(item, refs)),
        _ => {}
    }
}

/// JSON Pointer escaping of one reference token.
fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The Schema Objects of the document, each with its JSON Pointer: `components.schemas`, and
/// the `schema` of every media type, parameter and header (found by walking the document:
/// a `schema` member of an object that also has `in`, or sits in a `content` or `headers`
/// map, or under `components.schemas`).
fn collect_schema_objects(document: &Value, out: &mut Vec<(String, Value)>) {
    if let Some(schemas) = document["components"]["schemas"].as_object() {
        for (name, schema) in schemas {
            out.push((
                format!("/components/schemas/{}", escape_token(name)),
                schema.clone(),
            ));
        }
    }
    walk(document, String::new(), out);

    fn walk(value: &Value, path: String, out: &mut Vec<(String, Value)>) {
        let Value::Object(map) = value else {
            if let Value::Array(items) = value {
                for (index, item) in items.iter().enumerate() {
                    walk(item, format!("{path}/{index}"), out);
                }
            }
            return;
        };
        for (key, member) in map {
            let here = format!("{path}/{}", escape_token(key));
            // Schema Objects themselves are checked as wholes; `components.schemas` above.
            if key == "schema" && member.is_object() {
                out.push((here, member.clone()));
                continue;
            }
            if here == "/components/schemas" || key == "example" || key == "examples" {
                continue;
            }
            walk(member, here, out);
        }
    }
}
