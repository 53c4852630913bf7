//! Compile-time checks of catalogs.
//!
//! These run in const evaluation, where an error is a panic, and trybuild snapshots of those
//! errors quote this file's lines: keep it small and change it rarely.
//!
//! A code may be reached twice through the same defining type (a type listed in a catalog and
//! also wrapped by another); that counts once. Two different types defining one code is an error,
//! unless one of them is a framework's catalog (a yielding tree) and the statuses agree.
//! The check hashes every code into a fixed table of 16,384 slots, filled at most half (one
//! pass up to 8,192 codes, one more for each 8,192 after), so it is linear in the number of
//! codes: pairwise comparison trips `long_running_const_eval` near 250 codes. Const evaluation
//! runs about a microsecond per step, so each walk over the tree counts: one here, one in
//! `count.rs` when the tree is built.
// Panics here are compile errors (const evaluation), which is their purpose.
#![allow(clippy::indexing_slicing, clippy::panic)]

use super::{CatalogNode, CatalogTree, ErrorSpec};

/// Implemented by the derive: the type's catalog as a constant, so that const evaluation can
/// check it. `RemoteError` and `HttpError` implement it with an empty tree (their codes are
/// made at run time), so a `#[transparent]` variant can wrap them.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no error catalog",
    label = "`#[transparent]` needs an error type that derives `ApiError` (or a `RemoteError`, `HttpError`)",
    note = "derive `ApiError` for `{Self}`, or forward to a type that does"
)]
pub trait HasCatalog {
    const TREE: &'static CatalogTree;

    /// Evaluating this constant rejects codes that two types define differently.
    const CHECK: () = check_tree(Self::TREE);
}

impl<T: HasCatalog + ?Sized> HasCatalog for &T {
    const TREE: &'static CatalogTree = T::TREE;
}

impl<T: HasCatalog + ?Sized> HasCatalog for Box<T> {
    const TREE: &'static CatalogTree = T::TREE;
}

impl<T: HasCatalog + ?Sized> HasCatalog for std::sync::Arc<T> {
    const TREE: &'static CatalogTree = T::TREE;
}

const SLOTS: usize = 16384;
pub(super) const MAX_DEPTH: usize = 32;

/// Panics (a compile error in const evaluation) when two types define one code.
pub const fn check_tree(tree: &'static CatalogTree) {
    if let Some(found) = find_conflict(tree) {
        conflict(found.first, found.second);
    }
}

/// Panics when `found` came in through node `node` of the tree: a derive checks each of its
/// `#[transparent]` variants (a node each) in a statement spanned by the variant, so that
/// the compiler reports the conflict there.
pub const fn check_node(found: Option<Conflict>, node: usize) {
    if let Some(found) = found
        && found.node == node
    {
        conflict(found.first, found.second);
    }
}

/// Two entries that define one code differently.
#[derive(Debug, Clone, Copy)]
pub struct Conflict {
    first: &'static ErrorSpec,
    second: &'static ErrorSpec,
    /// The node of the tree's own list the conflict came in through: the second entry's,
    /// unless only the first came through a nested tree.
    node: usize,
}

/// The first conflict in `tree`, if any.
pub const fn find_conflict(tree: &'static CatalogTree) -> Option<Conflict> {
    // `len` counts each code once at least (a code two types share counts twice): no more
    // codes than that take a slot.
    let passes = (tree.len / (SLOTS / 2) + 1) as u64;
    let mut pass = 0;
    while pass < passes {
        let mut state = Pass {
            passes,
            pass,
            table: [None; SLOTS],
            filled: 0,
        };
        let mut node = 0;
        while node < tree.nodes.len() {
            let found = match &tree.nodes[node] {
                CatalogNode::Spec(spec) => state.add(spec, node, tree.yields, false),
                CatalogNode::Nested(nested) => {
                    state.visit(nested.nodes, node, tree.yields || nested.yields, 2)
                }
            };
            if found.is_some() {
                return found;
            }
            node += 1;
        }
        pass += 1;
    }
    None
}

/// One pass of [`find_conflict`]: the codes whose hash falls in it, each in a slot with the
/// node of the tree's own list it came through and whether it yields. The walk is a loop per
/// slice of nodes rather than an iterator: const evaluation runs each call and each step
/// (about a microsecond), and a catalog of 5,000 codes must check in well under two seconds.
struct Pass {
    passes: u64,
    pass: u64,
    table: [Option<(&'static ErrorSpec, usize, bool)>; SLOTS],
    filled: usize,
}

impl Pass {
    /// The entries of `nodes`, a tree nested `depth` deep (the tree's own list is 1) that came
    /// in through node `node` of the tree's own list.
    const fn visit(
        &mut self,
        nodes: &'static [CatalogNode],
        node: usize,
        yields: bool,
        depth: usize,
    ) -> Option<Conflict> {
        let mut index = 0;
        while index < nodes.len() {
            let found = match &nodes[index] {
                CatalogNode::Spec(spec) => self.add(spec, node, yields, true),
                CatalogNode::Nested(tree) => {
                    if depth == MAX_DEPTH {
                        panic!("apierror: #[transparent] errors nest more than 32 types deep");
                    }
                    self.visit(tree.nodes, node, yields || tree.yields, depth + 1)
                }
            };
            if found.is_some() {
                return found;
            }
            index += 1;
        }
        None
    }

    /// Puts `spec` in its slot, or returns the conflict with the entry there; `nested`: it came
    /// through a nested tree.
    const fn add(
        &mut self,
        spec: &'static ErrorSpec,
        node: usize,
        yields: bool,
        nested: bool,
    ) -> Option<Conflict> {
        let hash = spec.code_hash;
        if hash % self.passes != self.pass {
            return None;
        }
        let mut slot = (hash / self.passes) as usize % SLOTS;
        loop {
            match self.table[slot] {
                None => {
                    if self.filled == SLOTS - 1 {
                        panic!("apierror: catalog check table overflow; please report this");
                    }
                    self.table[slot] = Some((spec, node, yields));
                    self.filled += 1;
                    return None;
                }
                Some((seen, seen_node, seen_yields)) if str_eq(seen.code, spec.code) => {
                    if seen.status == spec.status && (yields || seen_yields) {
                        // A framework's entry yields; the user's stays, to meet later ones.
                        if seen_yields && !yields {
                            self.table[slot] = Some((spec, node, false));
                        }
                        return None;
                    }
                    if !str_eq(seen.defined_in, spec.defined_in) || seen.status != spec.status {
                        return Some(Conflict {
                            first: seen,
                            second: spec,
                            node: if nested { node } else { seen_node },
                        });
                    }
                    return None;
                }
                Some(_) => slot = (slot + 1) % SLOTS,
            }
        }
    }
}

const fn conflict(first: &ErrorSpec, second: &ErrorSpec) -> ! {
    let mut message = Message::new();
    message.push("apierror: error code `");
    message.push(first.code);
    if first.status == second.status {
        message.push("` is defined by two types, `");
        message.push(first.defined_in);
        message.push("` and `");
        message.push(second.defined_in);
        message.push("`: give one of them another #[code]");
    } else {
        message.push("` has two statuses: ");
        message.push_status(first.status);
        message.push(" in `");
        message.push(first.defined_in);
        message.push("` and ");
        message.push_status(second.status);
        message.push(" in `");
        message.push(second.defined_in);
        message.push("`: one code must mean one status; give one of them another #[code], or the same #[status]");
    }
    match core::str::from_utf8(message.as_bytes()) {
        Ok(text) => panic!("{}", text),
        Err(_) => panic!("apierror: an error code is defined by two types"),
    }
}

pub(super) struct Walker {
    stack: [(&'static [CatalogNode], usize, bool); MAX_DEPTH],
    depth: usize,
}

impl Walker {
    pub(super) const fn new(tree: &'static CatalogTree) -> Self {
        let mut stack = [(&[] as &[CatalogNode], 0, false); MAX_DEPTH];
        stack[0] = (tree.nodes, 0, tree.yields);
        Self { stack, depth: 1 }
    }

    /// Whether the last entry came from a framework's catalog.
    pub(super) const fn yields(&self) -> bool {
        self.stack[self.depth - 1].2
    }

    pub(super) const fn next(&mut self) -> Option<&'static ErrorSpec> {
        while self.depth > 0 {
            let (nodes, index, yields) = self.stack[self.depth - 1];
            if index == nodes.len() {
                self.depth -= 1;
                continue;
            }
            self.stack[self.depth - 1].1 = index + 1;
            match &nodes[index] {
                CatalogNode::Spec(spec) => return Some(spec),
                CatalogNode::Nested(tree) => {
                    if self.depth == MAX_DEPTH {
                        panic!("apierror: #[transparent] errors nest more than 32 types deep");
                    }
                    self.stack[self.depth] = (tree.nodes, 0, yields || tree.yields);
                    self.depth += 1;
                }
            }
        }
        None
    }
}

/// FNV-1a of a code, for `ErrorSpec::new` (the derive computes the same in the macro and hands
/// it over, `ErrorSpec::__hashed`; the checks read the spec's `code_hash`), written without a
/// function call per byte: const evaluation runs `wrapping_mul` and `len` as calls, so the
/// product is taken in `u128` and truncated, which is the same wrapping multiplication.
pub(super) const fn code_hash(code: &str) -> u64 {
    let bytes = code.as_bytes();
    let len = bytes.len();
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    let mut i = 0;
    while i < len {
        hash = ((hash ^ bytes[i] as u64) as u128 * 0x0100_0000_01b3) as u64;
        i += 1;
    }
    hash
}

/// Byte equality of two strings in const evaluation (shared with `count.rs`).
pub(super) const fn str_eq(a: &str, b: &str) -> bool {
    bytes_eq(a.as_bytes(), b.as_bytes())
}

/// Whether `a` and `b` are the same bytes, in const evaluation.
pub(super) const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    let mut i = 0;
    while i < len {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

pub(super) struct Message {
    bytes: [u8; 512],
    len: usize,
}

impl Message {
    pub(super) const fn new() -> Self {
        Self {
            bytes: [0; 512],
            len: 0,
        }
    }

    pub(super) const fn push(&mut self, text: &str) {
        let text = text.as_bytes();
        let mut i = 0;
        while i < text.len() && self.len < self.bytes.len() {
            self.bytes[self.len] = text[i];
            self.len += 1;
            i += 1;
        }
    }

    pub(super) const fn push_status(&mut self, status: u16) {
        let digits = [
            b'0' + (status / 100 % 10) as u8,
            b'0' + (status / 10 % 10) as u8,
            b'0' + (status % 10) as u8,
        ];
        match core::str::from_utf8(&digits) {
            Ok(text) => self.push(text),
            Err(_) => self.push("???"),
        }
    }

    pub(super) const fn as_bytes(&self) -> &[u8] {
        self.bytes.split_at(self.len).0
    }
}
