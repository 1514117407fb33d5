//! Store benchmarks (written next).
fn main() {}
