//! OpenAPI documents (feature `utoipa`). (Being written.)

use crate::Catalog;
use std::collections::BTreeMap;
use utoipa::openapi::RefOr;
use utoipa::openapi::response::Response;

/// The responses of every error in `catalog`, one per status.
pub fn responses(catalog: Catalog) -> BTreeMap<String, RefOr<Response>> {
    let _ = catalog;
    BTreeMap::new()
}
