//! How many entries a catalog's iterator yields, computed in const evaluation when the tree is
//! built, so that [`Catalog::len`](super::Catalog::len) reads a number instead of walking the
//! tree.
//!
//! The count follows [`Iter`](super::Iter) exactly: the tree's own entries before its first
//! nested tree are all yielded; from the first nested tree on, an entry whose defining type and
//! code were already yielded (a type reached twice) is skipped. Distinct entries are counted
//! with a fixed hash table, in more passes for larger catalogs, so the count is linear in the
//! number of entries, as the conflict check in `check.rs` is.
//!
//! Nothing here panics: a tree nested too deeply is the conflict check's to reject.
#![allow(clippy::indexing_slicing)] // evaluated at compile time, indices checked

use super::{CatalogNode, ErrorSpec};

const SLOTS: usize = 4096;
const MAX_DEPTH: usize = 32;

/// The number of entries [`Iter`](super::Iter) yields for a tree of `nodes`.
pub(super) const fn entries(nodes: &'static [CatalogNode]) -> usize {
    // The entries before the first nested tree are yielded without being remembered.
    let mut first_nested = 0;
    while first_nested < nodes.len() && matches!(nodes[first_nested], CatalogNode::Spec(_)) {
        first_nested += 1;
    }
    if first_nested == nodes.len() {
        return nodes.len();
    }
    // At most this many distinct entries: a nested tree's own count is at least the number of
    // distinct entries in it.
    let mut most = 0;
    let mut index = first_nested;
    while index < nodes.len() {
        most += match &nodes[index] {
            CatalogNode::Spec(_) => 1,
            CatalogNode::Nested(tree) => tree.len,
        };
        index += 1;
    }
    let passes = most / (SLOTS / 4) + 1;
    let mut distinct = 0;
    let mut pass = 0;
    while pass < passes {
        let mut table: [Option<&'static ErrorSpec>; SLOTS] = [None; SLOTS];
        let mut filled = 0;
        let mut walker = Walker::new(nodes, first_nested);
        while let Some(spec) = walker.next() {
            let hash = fnv1a(spec.code.as_bytes());
            if hash % passes as u64 != pass as u64 {
                continue;
            }
            let mut slot = (hash / passes as u64) as usize % SLOTS;
            loop {
                match table[slot] {
                    None => {
                        distinct += 1;
                        // A full table (it never is: a pass holds a quarter of it on average)
                        // counts what it cannot hold as new.
                        if filled < SLOTS - 1 {
                            table[slot] = Some(spec);
                            filled += 1;
                        }
                        break;
                    }
                    Some(seen)
                        if str_eq(seen.code, spec.code)
                            && str_eq(seen.defined_in, spec.defined_in) =>
                    {
                        break;
                    }
                    Some(_) => slot = (slot + 1) % SLOTS,
                }
            }
        }
        pass += 1;
    }
    first_nested + distinct
}

/// Every entry from node `start` of a tree's own list on, nested trees in place, in the order
/// [`Iter`](super::Iter) visits them.
struct Walker {
    stack: [(&'static [CatalogNode], usize); MAX_DEPTH],
    depth: usize,
}

impl Walker {
    const fn new(nodes: &'static [CatalogNode], start: usize) -> Self {
        let mut stack: [(&'static [CatalogNode], usize); MAX_DEPTH] = [(&[], 0); MAX_DEPTH];
        stack[0] = (nodes, start);
        Self { stack, depth: 1 }
    }

    const fn next(&mut self) -> Option<&'static ErrorSpec> {
        while self.depth > 0 {
            let (nodes, index) = self.stack[self.depth - 1];
            if index == nodes.len() {
                self.depth -= 1;
                continue;
            }
            self.stack[self.depth - 1].1 = index + 1;
            match &nodes[index] {
                CatalogNode::Spec(spec) => return Some(spec),
                CatalogNode::Nested(tree) => {
                    if self.depth < MAX_DEPTH {
                        self.stack[self.depth] = (tree.nodes, 0);
                        self.depth += 1;
                    }
                }
            }
        }
        None
    }
}

/// FNV-1a of a code. Entries are told apart by code and defining type, but hashed by code
/// alone: codes are short, and entries of one code under two types are rare (a conflict the
/// check rejects, or one generic type's instances).
const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u64).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
