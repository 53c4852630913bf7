//! Rendering cost in instructions, for `benches/render_instructions.sh`: renders one case of
//! `benches/cases.rs` N times in one envelope, apierror's side or the hand-written one, so that
//! callgrind's instruction count (N = 2000 minus N = 0, divided by 2000) gives the cost of one
//! render. Instruction counts do not move with the machine's load, as criterion's times do.
//!
//! `icount FORMAT_INDEX CASE_INDEX ours|hand N` (indices into `Format::ALL` and `cases()`).

mod cases;

use apierror::Format;
use cases::{REQUEST_ID, cases, context};
use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |index: usize| -> usize {
        args.get(index)
            .and_then(|arg| arg.parse().ok())
            .unwrap_or_else(|| panic!("usage: icount FORMAT_INDEX CASE_INDEX ours|hand N"))
    };
    let format = Format::ALL[arg(1)];
    let cases = cases();
    let (_, derived, hand) = &cases[arg(2)];
    let ours = args.get(3).map(String::as_str) == Some("ours");
    let ctx = context();
    let mut total = 0usize;
    for _ in 0..arg(4) {
        total += if ours {
            apierror::to_json(black_box(derived), black_box(format), &ctx).len()
        } else {
            hand.render(black_box(format), REQUEST_ID).len()
        };
    }
    println!("{total}");
}
