//! The servers `benches/load.sh` loads with wrk: the routes of `benches/server_cases.rs` on
//! 127.0.0.1, on one thread (a current-thread tokio runtime for axum, one actix-web worker), so
//! that the load generator has the other core.
//!
//! `load_server axum|actix bare|layer` (or `axum outer`: `ErrorLayer` around the whole router)
//! prints the port it listens on, then serves until killed.
//! Run without arguments (as `cargo bench` does) it does nothing.

mod cases;
mod server_cases;

use server_cases::{actix_app, axum_app};
use std::io::Write as _;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (framework, side) = match &args[..] {
        [framework, side] if !framework.starts_with('-') => (framework.clone(), side.clone()),
        _ => {
            eprintln!("load_server axum|actix bare|layer (started by benches/load.sh)");
            return Ok(());
        }
    };
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    println!("{}", listener.local_addr()?.port());
    std::io::stdout().flush()?;
    match (framework.as_str(), side.as_str()) {
        ("axum", side) => {
            listener.set_nonblocking(true)?;
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?
                .block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener)?;
                    match side {
                        // The layer around the whole router, served as axum documents it.
                        "outer" => {
                            let service =
                                axum::ServiceExt::<axum::extract::Request>::into_make_service(
                                    axum_app::outer(),
                                );
                            axum::serve(listener, service).await
                        }
                        "layer" => axum::serve(listener, axum_app::layered()).await,
                        _ => axum::serve(listener, axum_app::bare()).await,
                    }
                })
        }
        ("actix", "layer") => actix_web::rt::System::new().block_on(
            actix_web::HttpServer::new(actix_app::layered)
                .workers(1)
                .listen(listener)?
                .run(),
        ),
        ("actix", _) => actix_web::rt::System::new().block_on(
            actix_web::HttpServer::new(actix_app::bare)
                .workers(1)
                .listen(listener)?
                .run(),
        ),
        _ => {
            eprintln!("unknown framework {framework}");
            Ok(())
        }
    }
}
