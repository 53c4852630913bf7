//! How many entries a catalog's iterator yields, computed in const evaluation when the tree is
//! built, so that [`Catalog::len`](super::Catalog::len) reads a number instead of walking the
//! tree.
//!
//! The count follows [`Iter`](super::Iter) exactly: the tree's own entries before its first
//! nested tree are all yielded; from the first nested tree on, an entry whose defining type and
//! code were already yielded (a type reached twice) is skipped. An entry of a framework's
//! catalog (a yielding tree) counts only when no user entry and no earlier framework entry has
//! its code. Distinct entries are counted
//! with a fixed hash table, in more passes for larger catalogs, so the count is linear in the
//! number of entries, as the conflict check in `check.rs` is.
//!
//! Nothing here panics: a tree nested too deeply is the conflict check's to reject.
#![allow(clippy::indexing_slicing)] // evaluated at compile time, indices checked

use super::check::{fnv1a, str_eq};
use super::{CatalogNode, ErrorSpec};

const SLOTS: usize = 4096;
const MAX_DEPTH: usize = 32;

/// The number of entries [`Iter`](super::Iter) yields for a tree of `nodes`; `yields`: the
/// tree is a framework's (see [`CatalogTree::yields`](super::CatalogTree::yields)).
pub(super) const fn entries(nodes: &'static [CatalogNode], yields: bool) -> usize {
    let users = users(nodes, yields);
    if yields || has_yielding(nodes) {
        users + yielding(nodes, yields)
    } else {
        users
    }
}

/// Whether a tree of `nodes` links to a framework's catalog.
const fn has_yielding(nodes: &'static [CatalogNode]) -> bool {
    let mut index = 0;
    while index < nodes.len() {
        if let CatalogNode::Nested(tree) = &nodes[index]
            && (tree.yields || has_yielding(tree.nodes))
        {
            return true;
        }
        index += 1;
    }
    false
}

/// The entries of user types (not of a framework's catalog) [`Iter`](super::Iter) yields: the
/// tree's own entries before its first nested tree all, without being remembered; from there
/// on, each pair of defining type and code once.
const fn users(nodes: &'static [CatalogNode], yields: bool) -> usize {
    if yields {
        return 0;
    }
    let mut first_nested = 0;
    while first_nested < nodes.len() && matches!(nodes[first_nested], CatalogNode::Spec(_)) {
        first_nested += 1;
    }
    if first_nested == nodes.len() {
        return nodes.len();
    }
    let passes = upper_bound(nodes) / (SLOTS / 4) + 1;
    let mut distinct = 0;
    let mut pass = 0;
    while pass < passes {
        let mut table: [Option<&'static ErrorSpec>; SLOTS] = [None; SLOTS];
        let mut filled = 0;
        let mut walker = Walker::new(nodes, first_nested, false);
        while let Some((spec, in_framework)) = walker.next() {
            let hash = fnv1a(spec.code.as_bytes());
            if in_framework || hash % passes as u64 != pass as u64 {
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

/// The framework entries [`Iter`](super::Iter) yields: each code once, and none that a user
/// entry has.
const fn yielding(nodes: &'static [CatalogNode], yields: bool) -> usize {
    let passes = upper_bound(nodes) / (SLOTS / 4) + 1;
    let mut counted = 0;
    let mut pass = 0;
    while pass < passes {
        // Each slot: a code, and whether a user entry has it.
        let mut table: [Option<(&'static str, bool)>; SLOTS] = [None; SLOTS];
        let mut filled = 0;
        // First the users' codes, then the framework's: order in the tree does not matter.
        let mut round = 0;
        while round < 2 {
            let framework_round = round == 1;
            let mut walker = Walker::new(nodes, 0, yields);
            while let Some((spec, in_framework)) = walker.next() {
                let hash = fnv1a(spec.code.as_bytes());
                if in_framework != framework_round || hash % passes as u64 != pass as u64 {
                    continue;
                }
                let mut slot = (hash / passes as u64) as usize % SLOTS;
                loop {
                    match table[slot] {
                        None => {
                            if framework_round {
                                counted += 1;
                            }
                            if filled < SLOTS - 1 {
                                table[slot] = Some((spec.code, !framework_round));
                                filled += 1;
                            }
                            break;
                        }
                        Some((code, _)) if str_eq(code, spec.code) => break,
                        Some(_) => slot = (slot + 1) % SLOTS,
                    }
                }
            }
            round += 1;
        }
        pass += 1;
    }
    counted
}

/// At most this many entries: every entry of the tree, nested ones by their own count (at
/// least their distinct entries) or, in a framework's tree, their length.
const fn upper_bound(nodes: &'static [CatalogNode]) -> usize {
    let mut most = 0;
    let mut index = 0;
    while index < nodes.len() {
        most += match &nodes[index] {
            CatalogNode::Spec(_) => 1,
            CatalogNode::Nested(tree) => {
                if tree.len > tree.nodes.len() {
                    tree.len
                } else {
                    tree.nodes.len() + tree.len
                }
            }
        };
        index += 1;
    }
    most
}

/// Every entry from node `start` of a tree's own list on, nested trees in place, in the order
/// [`Iter`](super::Iter) visits them, each with whether it is in a framework's catalog.
struct Walker {
    stack: [(&'static [CatalogNode], usize, bool); MAX_DEPTH],
    depth: usize,
}

impl Walker {
    const fn new(nodes: &'static [CatalogNode], start: usize, yields: bool) -> Self {
        let mut stack: [(&'static [CatalogNode], usize, bool); MAX_DEPTH] =
            [(&[], 0, false); MAX_DEPTH];
        stack[0] = (nodes, start, yields);
        Self { stack, depth: 1 }
    }

    const fn next(&mut self) -> Option<(&'static ErrorSpec, bool)> {
        while self.depth > 0 {
            let (nodes, index, yields) = self.stack[self.depth - 1];
            if index == nodes.len() {
                self.depth -= 1;
                continue;
            }
            self.stack[self.depth - 1].1 = index + 1;
            match &nodes[index] {
                CatalogNode::Spec(spec) => return Some((spec, yields)),
                CatalogNode::Nested(tree) => {
                    if self.depth < MAX_DEPTH {
                        self.stack[self.depth] = (tree.nodes, 0, yields || tree.yields);
                        self.depth += 1;
                    }
                }
            }
        }
        None
    }
}
