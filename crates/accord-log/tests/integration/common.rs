//! Reading the vectors in `tests/data/`.

use std::path::{Path, PathBuf};

use accord_log::Hash;

/// `crates/accord-log/tests/data/`.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

pub fn read_json(relative: &str) -> serde_json::Value {
    let path = data_dir().join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `.json` file under `tests/data/<relative>`, sorted, recursively.
pub fn json_files(relative: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&data_dir().join(relative), &mut out);
    out.sort();
    out
}

pub fn hex_hash(text: &str) -> Hash {
    Hash::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Flips one bit of a hash.
pub fn flip(hash: &Hash, bit: usize) -> Hash {
    let mut bytes = *hash.as_bytes();
    bytes[bit / 8 % 32] ^= 1 << (bit % 8);
    Hash::from_bytes(bytes)
}
