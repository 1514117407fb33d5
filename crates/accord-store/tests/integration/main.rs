//! accord-store's one integration test binary. Every case runs against both
//! backends (see `each_backend!` in `harness`): SQLite in a temporary file,
//! and PostgreSQL in a fresh schema of the server named by
//! `ACCORD_TEST_DATABASE_URL` (`scripts/test` starts one and sets it; without
//! it the PostgreSQL cases fail and say so).

mod conformance;
mod harness;
mod ledger;
mod listen;
mod tamper;
