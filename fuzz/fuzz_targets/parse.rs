//! Any bytes: the charter parser returns a charter or an error, never
//! panics, and what it returns keeps its invariants (ids unique, texts on
//! one line, quotes exact substrings of the decoded text).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = accord_charter::decode(data) else {
        return;
    };
    let Ok(charter) = accord_charter::parse(&decoded.text) else {
        return;
    };
    let mut ids: Vec<&str> = charter.provisions().map(|p| p.id.as_str()).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "provision ids are unique");
    for p in charter.provisions() {
        assert!(!p.text.contains('\n'), "{} keeps a line break", p.id);
    }
    for o in &charter.obligations {
        assert!(
            decoded.text.contains(&o.quote),
            "quote is an exact substring"
        );
    }
    let _ = accord_charter::align(&charter, &charter);
});
