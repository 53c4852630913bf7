//! JSON Schemas (draft 2020-12) of the six envelopes, as OpenAPI 3.1 uses them too.

use crate::format::Format;
use serde_json::{Value, json};

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

impl Format {
    /// The JSON Schema (draft 2020-12) of a body in this format.
    ///
    /// Extension members are allowed wherever the format puts them; everything else is exact:
    /// required members, member types, and no unknown members inside the format's own objects.
    ///
    /// ```
    /// let schema = apierror::Format::Flat.json_schema();
    /// assert_eq!(schema["required"], serde_json::json!(["code", "message", "requestId"]));
    /// ```
    pub fn json_schema(self) -> Value {
        let mut schema = body_schema(self, None, None);
        if let Value::Object(map) = &mut schema {
            map.insert("$schema".into(), Value::String(DRAFT.into()));
            map.insert(
                "title".into(),
                Value::String(format!("{} error body", self.name())),
            );
        }
        schema
    }
}

/// The schema of a body in `format`, with the code restricted to `codes` and the numeric status
/// to `status` where the format carries them (OpenAPI documents one schema per status).
pub(crate) fn body_schema(format: Format, codes: Option<&[&str]>, status: Option<u16>) -> Value {
    let code = code_schema(codes);
    let number = status_schema(status);
    match format {
        Format::Nested => json!({
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": code,
                        "message": {"type": "string"},
                        "details": {
                            "type": "object",
                            "minProperties": 1,
                            "properties": {"fields": details_schema(&ALL_PARTS)},
                        },
                    },
                    "additionalProperties": false,
                },
            },
            "additionalProperties": false,
        }),
        Format::ErrorList => json!({
            "type": "object",
            "required": ["errors"],
            "properties": {
                "errors": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "required": ["message"],
                        "properties": {
                            "message": {"type": "string"},
                            "help": {"type": "string"},
                            "phrase": {"type": "string", "pattern": "^[1-9][0-9]? [a-z]+ [a-z]+ [a-z]+ [a-z]+$"},
                        },
                        "additionalProperties": false,
                    },
                },
            },
        }),
        Format::Problem => json!({
            "type": "object",
            "required": ["type", "status", "detail", "code"],
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "status": number,
                "detail": {"type": "string"},
                "instance": {"type": "string"},
                "code": code,
                "errors": details_schema(&ALL_PARTS),
            },
        }),
        Format::Google => json!({
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message", "status", "details"],
                    "properties": {
                        "code": number,
                        "message": {"type": "string"},
                        "status": {"type": "string", "enum": GRPC_STATUSES},
                        "details": {
                            "type": "array",
                            "minItems": 1,
                            "items": {"oneOf": [error_info(code), bad_request(), retry_info()]},
                        },
                    },
                    "additionalProperties": false,
                },
            },
            "additionalProperties": false,
        }),
        Format::Simple => json!({
            "type": "object",
            "required": ["code", "message", "cause"],
            "properties": {
                "code": number,
                "message": {"type": "string"},
                "cause": code,
                "errors": details_schema(&SIMPLE_PARTS),
            },
        }),
        Format::Flat => json!({
            "type": "object",
            "required": ["code", "message", "requestId"],
            "properties": {
                "code": code,
                "message": {"type": "string"},
                "details": details_schema(&FLAT_PARTS),
                "requestId": {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,128}$"},
            },
        }),
    }
}

/// Every name `grpc_status` gives.
const GRPC_STATUSES: [&str; 12] = [
    "INVALID_ARGUMENT",
    "UNAUTHENTICATED",
    "PERMISSION_DENIED",
    "NOT_FOUND",
    "ABORTED",
    "FAILED_PRECONDITION",
    "RESOURCE_EXHAUSTED",
    "CANCELLED",
    "INTERNAL",
    "UNIMPLEMENTED",
    "UNAVAILABLE",
    "DEADLINE_EXCEEDED",
];

/// The members a detail object has, per format; `reason` is required where present (Simple
/// calls it `message`).
const FLAT_PARTS: [&str; 3] = ["field", "reason", "location"];
const ALL_PARTS: [&str; 5] = ["field", "reason", "location", "resource", "code"];
const SIMPLE_PARTS: [&str; 4] = ["resource", "field", "code", "message"];

fn details_schema(parts: &[&str]) -> Value {
    let properties: serde_json::Map<String, Value> = parts
        .iter()
        .map(|part| ((*part).to_owned(), json!({"type": "string"})))
        .collect();
    let required = if parts.contains(&"reason") {
        "reason"
    } else {
        "message"
    };
    json!({
        "type": "array",
        "minItems": 1,
        "items": {
            "type": "object",
            "required": [required],
            "properties": properties,
            "additionalProperties": false,
        },
    })
}

fn code_schema(codes: Option<&[&str]>) -> Value {
    match codes {
        Some(codes) => json!({"type": "string", "enum": codes}),
        None => json!({"type": "string"}),
    }
}

fn status_schema(status: Option<u16>) -> Value {
    match status {
        Some(status) => json!({"type": "integer", "enum": [status]}),
        None => json!({"type": "integer", "minimum": 400, "maximum": 599}),
    }
}

fn error_info(code: Value) -> Value {
    json!({
        "type": "object",
        "required": ["@type", "reason"],
        "properties": {
            "@type": {"type": "string", "enum": ["type.googleapis.com/google.rpc.ErrorInfo"]},
            "reason": code,
            "domain": {"type": "string"},
            "metadata": {"type": "object", "additionalProperties": {"type": "string"}},
        },
        "additionalProperties": false,
    })
}

fn bad_request() -> Value {
    json!({
        "type": "object",
        "required": ["@type", "fieldViolations"],
        "properties": {
            "@type": {"type": "string", "enum": ["type.googleapis.com/google.rpc.BadRequest"]},
            "fieldViolations": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["description"],
                    "properties": {
                        "field": {"type": "string"},
                        "description": {"type": "string"},
                    },
                    "additionalProperties": false,
                },
            },
        },
        "additionalProperties": false,
    })
}

fn retry_info() -> Value {
    json!({
        "type": "object",
        "required": ["@type", "retryDelay"],
        "properties": {
            "@type": {"type": "string", "enum": ["type.googleapis.com/google.rpc.RetryInfo"]},
            "retryDelay": {"type": "string", "pattern": "^[0-9]+s$"},
        },
        "additionalProperties": false,
    })
}
