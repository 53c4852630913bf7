//! Holding a catalog against a committed lock file, so that removing a code or changing its
//! status — both break clients — fails a test instead of shipping.

use crate::catalog::Catalog;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// The environment variable that says a change to the catalog is intended.
pub const UPDATE_LOCK_VAR: &str = "APIERROR_UPDATE_LOCK";

impl Catalog {
    /// Compares the catalog with the lock file at `path` (`errors.lock.json`: every code and
    /// its status, sorted by code).
    ///
    /// Fails when a locked code is gone or has another status. New codes pass (they break no
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
    pub fn compare_with_lock(&self, path: impl AsRef<Path>) -> Result<(), LockError> {
        let path = path.as_ref();
        let current: BTreeMap<String, u16> = self
            .iter()
            .map(|spec| (spec.code.to_owned(), spec.status))
            .collect();
        let text = std::fs::read_to_string(path).map_err(|error| {
            if error.kind() == std::io::ErrorKind::NotFound {
                LockError::unreadable(
                    path,
                    &format!("no lock file; create it with {UPDATE_LOCK_VAR}=1"),
                )
            } else {
                LockError::unreadable(path, &error)
            }
        })?;
        let locked: BTreeMap<String, u16> =
            serde_json::from_str(&text).map_err(|error| LockError::unreadable(path, &error))?;
        let mut changes = Vec::new();
        for (code, &status) in &locked {
            match current.get(code) {
                None => changes.push(LockChange::Removed {
                    code: code.clone(),
                    status,
                }),
                Some(&now) if now != status => changes.push(LockChange::StatusChanged {
                    code: code.clone(),
                    locked: status,
                    now,
                }),
                Some(_) => {}
            }
        }
        if changes.is_empty() {
            Ok(())
        } else {
            Err(LockError {
                path: path.display().to_string(),
                changes,
                unreadable: None,
            })
        }
    }
}

impl Catalog {
    /// Writes the lock file for this catalog: every code and its status, sorted by code.
    pub fn write_lock(&self, path: impl AsRef<Path>) -> Result<(), LockError> {
        let path = path.as_ref();
        let codes: BTreeMap<&str, u16> = self.iter().map(|spec| (spec.code, spec.status)).collect();
        let mut text = serde_json::to_string_pretty(&codes)
            .map_err(|error| LockError::unreadable(path, &error))?;
        text.push('\n');
        std::fs::write(path, text).map_err(|error| LockError::unreadable(path, &error))
    }
}

/// A change to the catalog that breaks clients.
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

/// Why a catalog does not match its lock file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockError {
    path: String,
    changes: Vec<LockChange>,
    unreadable: Option<String>,
}

impl LockError {
    fn unreadable(path: &Path, error: &dyn fmt::Display) -> Self {
        Self {
            path: path.display().to_string(),
            changes: Vec::new(),
            unreadable: Some(error.to_string()),
        }
    }

    /// The breaking changes found (empty when the file could not be read or is missing).
    pub fn changes(&self) -> &[LockChange] {
        &self.changes
    }
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(reason) = &self.unreadable {
            return write!(f, "{}: {reason}", self.path);
        }
        writeln!(
            f,
            "{}: the error catalog changed in a way that breaks clients:",
            self.path
        )?;
        for change in &self.changes {
            match change {
                LockChange::Removed { code, status } => {
                    writeln!(f, "  - {code} ({status}) was removed")?;
                }
                LockChange::StatusChanged { code, locked, now } => {
                    writeln!(f, "  ~ {code} changed status: {locked} -> {now}")?;
                }
            }
        }
        write!(
            f,
            "If this is intended, rerun with {UPDATE_LOCK_VAR}=1 to rewrite the lock file."
        )
    }
}

impl std::error::Error for LockError {}
