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

use super::check::str_eq;
use super::{CatalogNode, ErrorSpec};

const SLOTS: usize = 16384;
const MAX_DEPTH: usize = 32;

/// The number of entries [`Iter`](super::Iter) yields for a tree of `nodes`; `yields`: the
/// tree is a framework's (see [`CatalogTree::yields`](super::CatalogTree::yields)).
pub(super) const fn entries(nodes: &'static [CatalogNode], yields: bool) -> usize {
    let first_nested = first_nested(nodes);
    if first_nested == nodes.len() && !yields {
        // Entries of its own only: all of them.
        return nodes.len();
    }
    let users = users(nodes, first_nested, yields);
    if yields || has_yielding(nodes) {
        users + yielding(nodes, yields)
    } else {
        users
    }
}

/// The index of the first nested tree in `nodes` (`nodes.len()` when there is none).
const fn first_nested(nodes: &'static [CatalogNode]) -> usize {
    let len = nodes.len();
    let mut index = 0;
    while index < len && matches!(nodes[index], CatalogNode::Spec(_)) {
        index += 1;
    }
    index
}

/// Whether a tree of `nodes` links to a framework's catalog.
const fn has_yielding(nodes: &'static [CatalogNode]) -> bool {
    let len = nodes.len();
    let mut index = 0;
    while index < len {
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
const fn users(nodes: &'static [CatalogNode], first_nested: usize, yields: bool) -> usize {
    if yields {
        return 0;
    }
    if first_nested == nodes.len() {
        return first_nested;
    }
    first_nested + count(nodes, first_nested, false, Round::UserPairs)
}

/// The framework entries [`Iter`](super::Iter) yields: each code once, and none that a user
/// entry has.
const fn yielding(nodes: &'static [CatalogNode], yields: bool) -> usize {
    count(nodes, 0, yields, Round::UserCodes)
}

/// What one walk over the entries puts in the table, and counts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Round {
    /// Users' entries, each pair of code and defining type once; counts them.
    UserPairs,
    /// Users' codes (counts nothing), before [`FrameworkCodes`](Self::FrameworkCodes) in the
    /// same table.
    UserCodes,
    /// Framework entries whose code is not in the table yet; counts them.
    FrameworkCodes,
}

/// Counts, in passes over a fixed table, what `round` counts among the entries of `nodes` from
/// node `start` on (`yields`: the tree is a framework's). A `UserCodes` round is followed by
/// a `FrameworkCodes` round in each pass.
const fn count(nodes: &'static [CatalogNode], start: usize, yields: bool, round: Round) -> usize {
    let passes = (upper_bound(nodes) / (SLOTS / 2) + 1) as u64;
    let mut counted = 0;
    let mut pass = 0;
    while pass < passes {
        let mut walk = Pass {
            passes,
            pass,
            table: [None; SLOTS],
            filled: 0,
            round,
            counted: 0,
        };
        walk.visit(nodes, start, yields, 1);
        if matches!(round, Round::UserCodes) {
            walk.round = Round::FrameworkCodes;
            walk.visit(nodes, start, yields, 1);
        }
        counted += walk.counted;
        pass += 1;
    }
    counted
}

/// One pass of [`count`]: the entries whose code's hash falls in it, in a table. The walk is
/// a loop per slice of nodes rather than an iterator, as in `check.rs`: const evaluation runs
/// every call and step, and a catalog of 5,000 codes must be counted in a fraction of a second.
struct Pass {
    passes: u64,
    pass: u64,
    table: [Option<&'static ErrorSpec>; SLOTS],
    filled: usize,
    round: Round,
    counted: usize,
}

impl Pass {
    /// The entries of `nodes` from `start` on, nested trees in place (`in_framework`: inside a
    /// framework's tree; `depth`: the tree's own list is 1; deeper than [`MAX_DEPTH`] is the
    /// conflict check's to reject).
    const fn visit(
        &mut self,
        nodes: &'static [CatalogNode],
        start: usize,
        in_framework: bool,
        depth: usize,
    ) {
        let len = nodes.len();
        let mut index = start;
        while index < len {
            match &nodes[index] {
                CatalogNode::Spec(spec) => {
                    let wanted = match self.round {
                        Round::UserPairs | Round::UserCodes => !in_framework,
                        Round::FrameworkCodes => in_framework,
                    };
                    if wanted {
                        self.add(spec);
                    }
                }
                CatalogNode::Nested(tree) => {
                    let in_framework = in_framework || tree.yields;
                    // A users' round has nothing to find in a framework's tree.
                    let skip = in_framework && matches!(self.round, Round::UserPairs);
                    if !skip && depth < MAX_DEPTH {
                        self.visit(tree.nodes, 0, in_framework, depth + 1);
                    }
                }
            }
            index += 1;
        }
    }

    const fn add(&mut self, spec: &'static ErrorSpec) {
        let hash = spec.code_hash;
        if hash % self.passes != self.pass {
            return;
        }
        let pairs = matches!(self.round, Round::UserPairs);
        let mut slot = (hash / self.passes) as usize % SLOTS;
        loop {
            match self.table[slot] {
                None => {
                    if !matches!(self.round, Round::UserCodes) {
                        self.counted += 1;
                    }
                    // A full table (it never is: a pass fills about half of it at most)
                    // counts what it cannot hold as new.
                    if self.filled < SLOTS - 1 {
                        self.table[slot] = Some(spec);
                        self.filled += 1;
                    }
                    return;
                }
                Some(seen)
                    if str_eq(seen.code, spec.code)
                        && (!pairs || str_eq(seen.defined_in, spec.defined_in)) =>
                {
                    return;
                }
                Some(_) => slot = (slot + 1) % SLOTS,
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::super::check::code_hash;

    /// The derive computes the same hash in the macro (`macros/src/expand/catalog.rs`'s
    /// `code_hash_is_fnv1a` holds the same values): codes from a derive and from
    /// `ErrorSpec::new` (the framework catalogs) must meet in one slot.
    #[test]
    fn code_hash_is_fnv1a() {
        assert_eq!(code_hash("TASK_NOT_FOUND"), 0xc0d1_15eb_ef46_7d75);
        assert_eq!(code_hash(""), 0xcbf2_9ce4_8422_2325);
    }
}
