//! Rendering cost in instructions, for `benches/render_instructions.sh` and
//! `benches/peer_instructions.sh`: renders one case N times, so that callgrind's instruction
//! count (N = 2000 minus N = 0, divided by 2000) gives the cost of one render. Instruction
//! counts do not move with the machine's load, as criterion's times do.
//!
//! `icount FORMAT_INDEX CASE_INDEX SIDE N` (indices into `Format::ALL` and `cases()`), SIDE one
//! of:
//! - `ours`, `hand`: apierror and the hand-written serde of `benches/cases.rs`;
//! - `floor`: one exact allocation and one copy of `ours`'s bytes (what no renderer beats);
//! - `response`: apierror's `to_response` (body and headers) of the same error and context;
//! - `peer_ours`, `peer_hand`, `http_api_problem`, `problem_details`: the Problem bodies of
//!   `benches/peers.rs` (fragment-free docs URL; FORMAT_INDEX is ignored);
//! - `scale_message`, `scale_details`, `scale_extension`: the errors of
//!   `benches/scaling_cases.rs` in FORMAT_INDEX, CASE_INDEX being the size (bytes, details,
//!   numbers), for `benches/scaling.sh`.

mod cases;
mod peer_cases;
mod scaling_cases;

use apierror::Format;
use cases::{REQUEST_ID, cases, context};
use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |index: usize| -> usize {
        args.get(index)
            .and_then(|arg| arg.parse().ok())
            .unwrap_or_else(|| panic!("usage: icount FORMAT_INDEX CASE_INDEX SIDE N"))
    };
    let format = Format::ALL[arg(1)];
    let side = args.get(3).map_or("", String::as_str);
    if let Some(kind) = side.strip_prefix("scale_") {
        let err = scaling_cases::of(kind, arg(2));
        let ctx = context();
        let mut total = 0usize;
        for _ in 0..arg(4) {
            total += apierror::to_json(black_box(&err), black_box(format), &ctx).len();
        }
        println!("{total}");
        return;
    }
    let cases = cases();
    let peers = peer_cases::peer_cases();
    let (_, derived, hand) = &cases[arg(2)];
    let (_, peer_derived, peer_hand) = &peers[arg(2).min(peers.len() - 1)];
    let ctx = context();
    let mut total = 0usize;
    if side == "floor" {
        // Its own loop, so that the other sides' loop is what it was before.
        let floor = apierror::to_json(derived, format, &ctx);
        for _ in 0..arg(4) {
            let bytes: &[u8] = black_box(&floor);
            let mut body = Vec::with_capacity(bytes.len());
            body.extend_from_slice(bytes);
            total += black_box(body).len();
        }
        println!("{total}");
        return;
    }
    if side == "response" {
        // Its own loop too: `to_response` outside a layer (the id checked and copied into its
        // header).
        for _ in 0..arg(4) {
            let response = apierror::to_response(black_box(derived), black_box(format), &ctx);
            total += black_box(response).body().len();
        }
        println!("{total}");
        return;
    }
    for _ in 0..arg(4) {
        total += match side {
            "ours" => apierror::to_json(black_box(derived), black_box(format), &ctx).len(),
            "hand" => hand.render(black_box(format), REQUEST_ID).len(),
            "peer_ours" => {
                apierror::to_json(black_box(peer_derived), black_box(Format::Problem), &ctx).len()
            }
            "peer_hand" => peer_cases::hand_serde(black_box(peer_hand)).len(),
            "http_api_problem" => peer_cases::http_api_problem(black_box(peer_hand)).len(),
            "problem_details" => peer_cases::problem_details(black_box(peer_hand)).len(),
            _ => panic!("unknown side {side}"),
        };
    }
    println!("{total}");
}
