//! Instructions per request inside the server, for `benches/server_instructions.sh`: sends one
//! request N times through the axum router or actix-web test service of
//! `benches/server_cases.rs` (as `benches/server.rs` times them), so that callgrind's count for
//! N = 2000 minus N = 0, divided by 2000, is the cost of one request.
//!
//! `icount_server FRAMEWORK SIDE PATH N`: FRAMEWORK `axum` or `actix`, SIDE `bare`, `layer` or
//! `pass` (the bare routes behind a layer that does nothing, added as apierror's is) or, for axum,
//! `ids` (the bare routes behind tower-http's request-id layers) and `outer` (`ErrorLayer`
//! around the whole router), PATH `/ok` or `/err/{a,b,c}`.

mod cases;
mod server_cases;

use server_cases::{actix_app, axum_app, axum_call};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: icount_server axum|actix bare|layer|pass|ids|outer PATH N";
    let (framework, side, path) = match &args[..] {
        [_, framework, side, path, _] => (framework.as_str(), side.as_str(), path.as_str()),
        _ => panic!("{usage}"),
    };
    let n: usize = args[4].parse().expect(usage);
    let mut total = 0usize;
    match (framework, side) {
        ("axum", _) => {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            if side == "outer" {
                let service = axum_app::outer();
                total += rt.block_on(axum_call(&service, path)).2.len();
                for _ in 0..n {
                    total += rt.block_on(axum_call(&service, path)).2.len();
                }
            } else {
                let router = match side {
                    "layer" => axum_app::layered(),
                    "pass" => axum_app::pass_through(),
                    "ids" => axum_app::request_ids(),
                    _ => axum_app::bare(),
                };
                // One request first, so what is set up once (thread-locals, the RNG) is in both
                // counts.
                total += rt.block_on(axum_call(&router, path)).2.len();
                for _ in 0..n {
                    total += rt.block_on(axum_call(&router, path)).2.len();
                }
            }
        }
        ("actix", "layer") => {
            let system = actix_web::rt::System::new();
            let service = system.block_on(actix_web::test::init_service(actix_app::layered()));
            total += system.block_on(actix_app::call(&service, path)).2.len();
            for _ in 0..n {
                total += system.block_on(actix_app::call(&service, path)).2.len();
            }
        }
        ("actix", "pass") => {
            let system = actix_web::rt::System::new();
            let service = system.block_on(actix_web::test::init_service(actix_app::pass_through()));
            total += system.block_on(actix_app::call(&service, path)).2.len();
            for _ in 0..n {
                total += system.block_on(actix_app::call(&service, path)).2.len();
            }
        }
        ("actix", _) => {
            let system = actix_web::rt::System::new();
            let service = system.block_on(actix_web::test::init_service(actix_app::bare()));
            total += system.block_on(actix_app::call(&service, path)).2.len();
            for _ in 0..n {
                total += system.block_on(actix_app::call(&service, path)).2.len();
            }
        }
        _ => panic!("{usage}"),
    }
    println!("{total}");
}
