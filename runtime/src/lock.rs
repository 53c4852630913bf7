//! Holding a catalog against a committed lock file, so that removing a code or changing its
//! status — both break clients — fails a test instead of shipping.

use crate::catalog::{Catalog, ErrorSpec};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// The environment variable that says a change to the catalog is intended.
pub const UPDATE_LOCK_VAR: &str = "APIERROR_UPDATE_LOCK";

#[cfg_attr(docsrs, doc(cfg(feature = "docs")))]
impl Catalog {
    /// Compares the catalog with the lock file at `path` (`errors.lock.json`: every code with
    /// its status and gRPC code, sorted by code: `{"TASK_NOT_FOUND": {"grpc": "NOT_FOUND",
    /// "status": 404}}`).
    ///
    /// Fails when a locked code is gone, has another status, or has another gRPC code (its
    /// `#[grpc(code)]`, else the canonical one of its status). A lock file written before the
    /// gRPC code was locked (`{"TASK_NOT_FOUND": 404}`) still reads; its entries check the
    /// status only, until the file is rewritten. New codes pass (they break no
    /// client); they enter the lock when it is rewritten. A missing lock file fails too (a
    /// deleted lock must not switch the guard off). With `APIERROR_UPDATE_LOCK=1` in the
    /// environment the file is (re)written from the catalog instead.
    ///
    /// ```no_run
    /// # #[derive(Debug, thiserror::Error, apierror::ApiError)]
    /// # enum TaskError { #[status(404)] #[error("x")] NotFound }
    /// use apierror::ApiError;
    ///
    /// #[test]
    /// fn error_catalog_is_stable() {
    ///     TaskError::catalog().check_lock("errors.lock.json").unwrap();
    /// }
    /// ```
    ///
    /// # Errors
    ///
    /// A [`LockError`] listing the breaking changes (a code removed, a status or gRPC code
    /// changed), or saying why the file could not be read, parsed or written.
    pub fn check_lock(&self, path: impl AsRef<Path>) -> Result<(), LockError> {
        let update = std::env::var_os(UPDATE_LOCK_VAR).is_some_and(|value| value == "1");
        if update {
            self.write_lock(path)
        } else {
            self.compare_with_lock(path)
        }
    }

    /// [`check_lock`](Self::check_lock) without looking at the environment: compares, never
    /// writes.
    ///
    /// # Errors
    ///
    /// A [`LockError`] listing the breaking changes, or saying that the file is missing
    /// (with the variable that creates it), unreadable or not a lock file.
    pub fn compare_with_lock(&self, path: impl AsRef<Path>) -> Result<(), LockError> {
        let path = path.as_ref();
        let current: BTreeMap<&str, &ErrorSpec> =
            self.iter().map(|spec| (spec.code, spec)).collect();
        let text = std::fs::read_to_string(path).map_err(|error| {
            if error.kind() == io::ErrorKind::NotFound {
                LockError::failed(path, Failure::Missing(error))
            } else {
                LockError::failed(path, Failure::Io(error))
            }
        })?;
        // A byte order mark (an editor's, on Windows) is no JSON: read past it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let LockedEntries(locked) = serde_json::from_str(text)
            .map_err(|error| LockError::failed(path, Failure::Json(error)))?;
        let mut changes = Vec::new();
        for (code, entry) in &locked {
            let (status, grpc) = locked_entry(entry).ok_or_else(|| {
                let error = <serde_json::Error as serde::de::Error>::custom(format!(
                    "the entry of {code} is neither a status nor {{\"status\": .., \"grpc\": ..}}"
                ));
                LockError::failed(path, Failure::Json(error))
            })?;
            let Some(spec) = current.get(code.as_str()) else {
                changes.push(LockChange::Removed {
                    code: code.clone(),
                    status,
                });
                continue;
            };
            if spec.status != status {
                changes.push(LockChange::StatusChanged {
                    code: code.clone(),
                    locked: status,
                    now: spec.status,
                });
            } else if let Some(grpc) = grpc
                && grpc != grpc_code(spec)
            {
                changes.push(LockChange::GrpcCodeChanged {
                    code: code.clone(),
                    locked: grpc.to_owned(),
                    now: grpc_code(spec).to_owned(),
                });
            }
        }
        if changes.is_empty() {
            Ok(())
        } else {
            Err(LockError {
                path: path.to_owned(),
                changes,
                failure: None,
            })
        }
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "docs")))]
impl Catalog {
    /// Writes the lock file for this catalog: every code with its status and gRPC code, sorted
    /// by code.
    ///
    /// # Errors
    ///
    /// A [`LockError`] when the file cannot be written (its source is the I/O error).
    pub fn write_lock(&self, path: impl AsRef<Path>) -> Result<(), LockError> {
        let path = path.as_ref();
        let codes: BTreeMap<&str, Value> = self
            .iter()
            .map(|spec| {
                // Written in the order serde_json's sorted maps give (`grpc`, `status`), so the
                // file is the same with its `preserve_order` feature on.
                let entry = serde_json::json!({ "grpc": grpc_code(spec), "status": spec.status });
                (spec.code, entry)
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&codes)
            .map_err(|error| LockError::failed(path, Failure::Json(error)))?;
        text.push('\n');
        std::fs::write(path, text).map_err(|error| LockError::failed(path, Failure::Io(error)))
    }
}

/// The entries of a lock file by code; a code written twice is an error (serde_json's maps
/// keep the last one silently, which would let a stale entry hide behind a fresh one).
struct LockedEntries(BTreeMap<String, Value>);

impl<'de> serde::Deserialize<'de> for LockedEntries {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(LockedEntriesVisitor)
    }
}

struct LockedEntriesVisitor;

impl<'de> serde::de::Visitor<'de> for LockedEntriesVisitor {
    type Value = LockedEntries;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object of codes and their entries")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = BTreeMap::new();
        while let Some(code) = map.next_key::<String>()? {
            if entries.contains_key(&code) {
                return Err(serde::de::Error::custom(format_args!(
                    "the code {code} is in the lock file twice: remove one of its entries, \
                     or rewrite the file with {UPDATE_LOCK_VAR}=1"
                )));
            }
            let entry: Value = map.next_value()?;
            entries.insert(code, entry);
        }
        Ok(LockedEntries(entries))
    }
}

/// The gRPC code of an entry: its `#[grpc(code)]`, else the canonical one of its status.
fn grpc_code(spec: &ErrorSpec) -> &'static str {
    spec.grpc_code
        .unwrap_or_else(|| crate::envelope::grpc_status(spec.status_code()))
}

/// A lock entry's status and gRPC code: `404` (a lock file from before gRPC codes were
/// locked) or `{"status": 404, "grpc": "NOT_FOUND"}`.
fn locked_entry(entry: &Value) -> Option<(u16, Option<&str>)> {
    let status = |value: &Value| value.as_u64().and_then(|status| u16::try_from(status).ok());
    match entry {
        Value::Number(_) => Some((status(entry)?, None)),
        Value::Object(fields) => {
            let grpc = match fields.get("grpc") {
                None => None,
                Some(grpc) => Some(grpc.as_str()?),
            };
            Some((status(fields.get("status")?)?, grpc))
        }
        _ => None,
    }
}

/// A change to the catalog that breaks clients. Non-exhaustive: a property the lock file comes
/// to hold (as the gRPC code did) adds a kind of change.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LockChange {
    /// A locked code no longer exists.
    Removed {
        /// The code.
        code: String,
        /// Its locked status.
        status: u16,
    },
    /// A locked code now has another status.
    StatusChanged {
        /// The code.
        code: String,
        /// The status in the lock file.
        locked: u16,
        /// The status now.
        now: u16,
    },
    /// A locked code now has another gRPC code (gRPC clients match on it).
    GrpcCodeChanged {
        /// The code.
        code: String,
        /// The gRPC code in the lock file.
        locked: String,
        /// The gRPC code now.
        now: String,
    },
}

/// Why a catalog does not match its lock file: the breaking changes found, or why the file
/// could not be read (or written).
///
/// `Display` and `{:?}` print the same readable text, so a failing
/// `check_lock(..).unwrap()` in a test shows the list of changes:
///
/// ```text
/// errors.lock.json: the error catalog changed in a way that breaks clients:
///   - MISSING_REQUIRED_FIELD (400) was removed
///   ~ EMAIL_TAKEN changed status: 409 -> 400
/// If this is intended, rerun with APIERROR_UPDATE_LOCK=1 to rewrite the lock file.
/// ```
///
/// `{:#?}` prints the fields. [`source`](std::error::Error::source) is the `io::Error` of a
/// file that could not be read or written, or the `serde_json::Error` of one that is not a
/// lock file.
pub struct LockError {
    path: PathBuf,
    changes: Vec<LockChange>,
    failure: Option<Failure>,
}

/// Why the lock file could not be used.
#[derive(Debug)]
enum Failure {
    /// There is no lock file.
    Missing(io::Error),
    /// It could not be read or written.
    Io(io::Error),
    /// It is not a JSON object of codes and their entries (or the catalog could not be
    /// written as one).
    Json(serde_json::Error),
}

impl LockError {
    fn failed(path: &Path, failure: Failure) -> Self {
        Self {
            path: path.to_owned(),
            changes: Vec::new(),
            failure: Some(failure),
        }
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The breaking changes found (empty when the file could not be read or is missing).
    pub fn changes(&self) -> &[LockChange] {
        &self.changes
    }
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.failure {
            Some(Failure::Missing(_)) => {
                return write!(
                    f,
                    "{path}: no lock file; create it with {UPDATE_LOCK_VAR}=1"
                );
            }
            Some(Failure::Io(error)) => return write!(f, "{path}: {error}"),
            Some(Failure::Json(error)) => return write!(f, "{path}: {error}"),
            None => {}
        }
        writeln!(
            f,
            "{path}: the error catalog changed in a way that breaks clients:"
        )?;
        for change in &self.changes {
            match change {
                LockChange::Removed { code, status } => {
                    writeln!(f, "  - {code} ({status}) was removed")?;
                }
                LockChange::StatusChanged { code, locked, now } => {
                    writeln!(f, "  ~ {code} changed status: {locked} -> {now}")?;
                }
                LockChange::GrpcCodeChanged { code, locked, now } => {
                    writeln!(f, "  ~ {code} changed gRPC code: {locked} -> {now}")?;
                }
            }
        }
        write!(
            f,
            "If this is intended, rerun with {UPDATE_LOCK_VAR}=1 to rewrite the lock file."
        )
    }
}

impl fmt::Debug for LockError {
    /// The `Display` text; with `{:#?}`, the fields.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            f.debug_struct("LockError")
                .field("path", &self.path)
                .field("changes", &self.changes)
                .field("failure", &self.failure)
                .finish()
        } else {
            fmt::Display::fmt(self, f)
        }
    }
}

impl std::error::Error for LockError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self.failure.as_ref()? {
            Failure::Missing(error) | Failure::Io(error) => Some(error),
            Failure::Json(error) => Some(error),
        }
    }
}
