//! Prints the Markdown error reference of the example service, `examples/tasks_api.rs`.
//!
//! Run with `cargo run -p apierror-example-service --example catalog > ERRORS.md`.

#[allow(dead_code)] // the service's handlers and `main` are not used here
#[path = "tasks_api.rs"]
mod tasks_api;

fn main() {
    print!("{}", tasks_api::SERVICE_ERRORS.to_markdown());
}
