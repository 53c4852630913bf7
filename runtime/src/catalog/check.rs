//! Compile-time checks of catalogs.
//!
//! These run in const evaluation, where an error is a panic, and trybuild snapshots of those
//! errors quote this file's lines: keep it small and change it rarely.
//!
//! A code may be reached twice through the same defining type (a type listed in a catalog and
//! also wrapped by another); that counts once. Two different types defining one code is an error,
//! unless one of them is a framework's catalog (a yielding tree) and the statuses agree.
//! The check hashes every code into a fixed table (more passes for larger catalogs), so it is
//! linear in the number of codes: pairwise comparison trips `long_running_const_eval` near
//! 250 codes.
// Panics here are compile errors (const evaluation), which is their purpose.
#![allow(clippy::indexing_slicing, clippy::panic)]

use super::{CatalogNode, CatalogTree, ErrorSpec};

/// Implemented by the derive: the type's catalog as a constant, so that const evaluation can
/// check it.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no error catalog",
    label = "`#[transparent]` needs an error type that derives `ApiError`",
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

const SLOTS: usize = 4096;
const MAX_DEPTH: usize = 32;

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
    let passes = count(tree) / (SLOTS / 4) + 1;
    let mut pass = 0;
    while pass < passes {
        let mut table: [Option<(&'static ErrorSpec, usize, bool)>; SLOTS] = [None; SLOTS];
        let mut filled = 0;
        let mut walker = Walker::new(tree);
        while let Some(spec) = walker.next() {
            let hash = fnv1a(spec.code.as_bytes());
            if hash % passes as u64 != pass as u64 {
                continue;
            }
            let (node, yields) = (walker.node(), walker.yields());
            let mut slot = (hash / passes as u64) as usize % SLOTS;
            loop {
                match table[slot] {
                    None => {
                        if filled == SLOTS - 1 {
                            panic!("apierror: catalog check table overflow; please report this");
                        }
                        table[slot] = Some((spec, node, yields));
                        filled += 1;
                        break;
                    }
                    Some((seen, seen_node, seen_yields)) if str_eq(seen.code, spec.code) => {
                        if seen.status == spec.status && (yields || seen_yields) {
                            // A framework's entry yields; the user's stays, to meet later ones.
                            if seen_yields && !yields {
                                table[slot] = Some((spec, node, false));
                            }
                            break;
                        }
                        if !str_eq(seen.defined_in, spec.defined_in) || seen.status != spec.status {
                            let nested = matches!(tree.nodes[node], CatalogNode::Nested(_));
                            return Some(Conflict {
                                first: seen,
                                second: spec,
                                node: if nested { node } else { seen_node },
                            });
                        }
                        break;
                    }
                    Some(_) => slot = (slot + 1) % SLOTS,
                }
            }
        }
        pass += 1;
    }
    None
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
        message.push("`: one code must mean one status");
    }
    match core::str::from_utf8(message.as_bytes()) {
        Ok(text) => panic!("{}", text),
        Err(_) => panic!("apierror: an error code is defined by two types"),
    }
}

const fn count(tree: &'static CatalogTree) -> usize {
    let mut walker = Walker::new(tree);
    let mut count = 0;
    while walker.next().is_some() {
        count += 1;
    }
    count
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

    /// The index, in the tree's own list, of the node the last entry came through.
    const fn node(&self) -> usize {
        self.stack[0].1 - 1
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

/// FNV-1a of a code (shared with `count.rs`).
pub(super) const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u64).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

/// Byte equality of two strings in const evaluation (shared with `count.rs`).
pub(super) const fn str_eq(a: &str, b: &str) -> bool {
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
