//! C2SP tlog-tiles: paths as the spec writes them, hash tiles checked against
//! a tree recomputed from its leaves, entry bundles and their errors.

use accord_log::tiles::{
    self, TILE_WIDTH, TileError, TileKind, TilePath, decode_bundle, decode_wide_bundle,
    encode_bundle, encode_wide_bundle, hash_tile, tile_width_at, verify_bundle,
};
use accord_log::{Hash, Tree, hash_children, hash_leaf};
use proptest::prelude::*;

/// MTH over leaf hashes, straight from RFC 9162 §2.1.1's recursion.
fn mth(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => Hash::empty_tree(),
        1 => leaves[0],
        n => {
            let k = 1 << (usize::BITS - 1 - (n - 1).leading_zeros());
            hash_children(&mth(&leaves[..k]), &mth(&leaves[k..]))
        }
    }
}

fn path(kind: TileKind, index: u64, width: u16) -> TilePath {
    TilePath { kind, index, width }
}

#[test]
fn paths_as_the_spec_writes_them() {
    let cases = [
        ("0/x001/234.p/5", path(TileKind::Hash { level: 0 }, 1234, 5)),
        ("entries/000", path(TileKind::Entries, 0, 256)),
        ("2/000", path(TileKind::Hash { level: 2 }, 0, 256)),
        (
            "0/x001/x234/067",
            path(TileKind::Hash { level: 0 }, 1_234_067, 256),
        ),
        ("63/999.p/255", path(TileKind::Hash { level: 63 }, 999, 255)),
        ("entries/x001/000.p/1", path(TileKind::Entries, 1000, 1)),
    ];
    for (text, want) in cases {
        let parsed = TilePath::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(parsed, want, "{text}");
        assert_eq!(parsed.to_string(), format!("tile/{text}"));
    }
    assert_eq!(
        path(TileKind::Hash { level: 0 }, 1234, 5).to_string(),
        "tile/0/x001/234.p/5"
    );
}

#[test]
fn paths_off_the_spec_are_refused() {
    for bad in [
        "",
        "0",
        "0/",
        "00/000", // a leading zero in the level
        "64/000", // level above 63
        "-1/000",
        "0/1", // not three digits
        "0/0001",
        "0/001/234",   // a group without x
        "0/x001",      // the last group with x
        "0/x000/001",  // a needless leading group
        "0/000.p/0",   // width 0
        "0/000.p/256", // a full tile is not partial
        "0/000.p/05",  // a leading zero in the width
        "0/000.p/",
        "0/000.p/5/6",
        "entry/000",
        "entries/x1/000",
        "0/x018/x446/x744/x073/x709/x551/616", // beyond u64
        "0/abc",
    ] {
        assert!(
            matches!(TilePath::parse(bad), Err(TileError::BadPath { .. })),
            "{bad:?} was accepted"
        );
    }
    // The largest index round-trips.
    let max = path(TileKind::Entries, u64::MAX, 256);
    assert_eq!(TilePath::parse(&max.to_string()[5..]), Ok(max));
}

#[test]
fn a_tree_of_70000_has_the_spec_tiles() {
    let full0 = (0..)
        .take_while(|&i| tile_width_at(70_000, 0, i) == Some(256))
        .count();
    assert_eq!(full0, 273);
    assert_eq!(tile_width_at(70_000, 0, 273), Some(112));
    assert_eq!(tile_width_at(70_000, 1, 0), Some(256));
    assert_eq!(tile_width_at(70_000, 1, 1), Some(17));
    assert_eq!(tile_width_at(70_000, 2, 0), Some(1));
    assert_eq!(tile_width_at(70_000, 2, 1), None);
    assert_eq!(tile_width_at(70_000, 3, 0), None);
}

fn tree_of(n: u64) -> (Tree, Vec<Hash>) {
    let leaves: Vec<Hash> = (0..n).map(|i| hash_leaf(&i.to_be_bytes())).collect();
    (Tree::from_leaf_hashes(leaves.iter().copied()), leaves)
}

#[test]
fn hash_tiles_match_a_tree_recomputed_from_its_leaves() {
    let size = 70_000;
    let (tree, leaves) = tree_of(size);
    // Level 0: the leaf hashes themselves.
    for index in [0u64, 1, 272, 273] {
        let width = tile_width_at(size, 0, index).unwrap();
        let tile = hash_tile(&tree, 0, index, width).unwrap();
        let hashes = tiles::tile_hashes(&tile).unwrap();
        let first = (index * TILE_WIDTH) as usize;
        assert_eq!(hashes, leaves[first..first + usize::from(width)]);
    }
    // Level 1: each hash is the root of a full level-0 tile, recomputed
    // naively from its 256 leaves.
    let level1 = tiles::tile_hashes(&hash_tile(&tree, 1, 0, 256).unwrap()).unwrap();
    for (i, hash) in level1.iter().enumerate() {
        let tile0 = &leaves[i * 256..(i + 1) * 256];
        assert_eq!(*hash, mth(tile0), "level 1, hash {i}");
    }
    let partial1 = tiles::tile_hashes(&hash_tile(&tree, 1, 1, 17).unwrap()).unwrap();
    for (i, hash) in partial1.iter().enumerate() {
        let start = (256 + i) * 256;
        assert_eq!(*hash, mth(&leaves[start..start + 256]));
    }
    // Level 2: the one hash is the root of the first 65,536 leaves.
    let level2 = hash_tile(&tree, 2, 0, 1).unwrap();
    assert_eq!(level2, mth(&leaves[..65_536]).as_bytes());
    assert_eq!(tree.root_at(65_536).unwrap().as_bytes()[..], level2[..]);
}

#[test]
fn tiles_that_do_not_exist_are_refused() {
    let (tree, _) = tree_of(600);
    // A smaller width of an existing tile is an earlier size's partial tile.
    assert_eq!(hash_tile(&tree, 0, 2, 10).unwrap().len(), 10 * 32);
    assert_eq!(hash_tile(&tree, 0, 2, 88).unwrap().len(), 88 * 32);
    for (level, index, width) in [
        (0u8, 2u64, 89u16),
        (0, 3, 1),
        (1, 0, 3),
        (2, 0, 1),
        (1, 1, 1),
    ] {
        assert!(
            matches!(
                hash_tile(&tree, level, index, width),
                Err(TileError::NoSuchTile { .. })
            ),
            "{level}/{index}/{width}"
        );
    }
    assert_eq!(hash_tile(&tree, 0, 0, 0), Err(TileError::BadWidth(0)));
    assert_eq!(hash_tile(&tree, 0, 0, 257), Err(TileError::BadWidth(257)));
    assert_eq!(hash_tile(&tree, 64, 0, 1), Err(TileError::BadLevel(64)));
    assert!(hash_tile(&Tree::new(), 0, 0, 1).is_err());
}

#[test]
fn subtree_roots_are_complete_subtrees_only() {
    let (tree, leaves) = tree_of(100);
    assert_eq!(tree.subtree_root(0, 99), Some(leaves[99]));
    assert_eq!(tree.subtree_root(0, 100), None);
    assert_eq!(tree.subtree_root(5, 2), Some(mth(&leaves[64..96])));
    assert_eq!(tree.subtree_root(5, 3), None);
    assert_eq!(tree.subtree_root(64, 0), None);
    assert_eq!(tree.subtree_root(3, u64::MAX), None);
}

#[test]
fn bundles_round_trip_and_match_their_tile() {
    let entries: Vec<Vec<u8>> = (0..256u32).map(|i| vec![i as u8; i as usize * 3]).collect();
    let bytes = encode_bundle(&entries).unwrap();
    assert_eq!(&bytes[..2], &[0, 0]);
    assert_eq!(decode_bundle(&bytes).unwrap(), entries);
    let wide = encode_wide_bundle(&entries).unwrap();
    assert_eq!(decode_wide_bundle(&wide).unwrap(), entries);
    assert_eq!(encode_bundle::<&[u8]>(&[]).unwrap(), b"");
    assert_eq!(decode_bundle(b"").unwrap(), Vec::<Vec<u8>>::new());

    let (tree, _) = {
        let mut tree = Tree::new();
        for e in &entries {
            tree.push_entry(e);
        }
        (tree, ())
    };
    let tile = hash_tile(&tree, 0, 0, 256).unwrap();
    assert_eq!(verify_bundle(&entries, &tile), Ok(()));
    let mut tampered = entries.clone();
    tampered[77].push(0);
    assert_eq!(
        verify_bundle(&tampered, &tile),
        Err(TileError::LeafMismatch { position: 77 })
    );
    assert_eq!(
        verify_bundle(&entries[..255], &tile),
        Err(TileError::CountMismatch {
            entries: 255,
            hashes: 256
        })
    );
    assert_eq!(
        verify_bundle(&entries, &tile[..100]),
        Err(TileError::TileLength(100))
    );
}

#[test]
fn bundle_errors_name_the_entry_or_the_byte() {
    let big = vec![0u8; 65_536];
    assert_eq!(
        encode_bundle(&[&b"a"[..], &big]),
        Err(TileError::EntryTooLarge {
            position: 1,
            len: 65_536
        })
    );
    // The wide bundle carries it.
    let wide = encode_wide_bundle(&[&b"a"[..], &big]).unwrap();
    assert_eq!(decode_wide_bundle(&wide).unwrap()[1].len(), 65_536);
    assert!(encode_bundle(&[&big[..65_535]]).is_ok());
    // A length prefix cut in two.
    assert_eq!(
        decode_bundle(&[0, 1, b'x', 0]),
        Err(TileError::Truncated {
            offset: 3,
            needed: 2,
            available: 1
        })
    );
    // An entry longer than the bytes left.
    assert_eq!(
        decode_bundle(&[0, 1, b'x', 0, 5, b'a', b'b']),
        Err(TileError::Truncated {
            offset: 3,
            needed: 7,
            available: 4
        })
    );
    // 257 empty entries: one too many, at byte 512.
    assert_eq!(
        decode_bundle(&[0u8; 2 * 257]),
        Err(TileError::TooManyEntries { offset: 512 })
    );
    assert!(encode_bundle(&vec![b""; 257]).is_err());
}

proptest! {
    #[test]
    fn any_bundle_round_trips(entries in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..300), 0..40)) {
        prop_assert_eq!(decode_bundle(&encode_bundle(&entries).unwrap()).unwrap(), entries.clone());
        prop_assert_eq!(decode_wide_bundle(&encode_wide_bundle(&entries).unwrap()).unwrap(), entries);
    }

    #[test]
    fn any_tile_path_round_trips(level in 0u8..64, index in any::<u64>(), width in 1u16..=256, entries in any::<bool>()) {
        let kind = if entries { TileKind::Entries } else { TileKind::Hash { level } };
        let p = path(kind, index, width);
        let text = p.to_string();
        prop_assert_eq!(TilePath::parse(text.strip_prefix("tile/").unwrap()), Ok(p));
    }

    #[test]
    fn hash_tiles_agree_with_roots(size in 1u64..3000) {
        let (tree, _) = tree_of(size);
        // The level-1 partial tile at the right edge: each hash is the root
        // of 256 leaves, which is also root_at of a size for the first one.
        if let Some(width) = tile_width_at(size, 1, 0) {
            let hashes = tiles::tile_hashes(&hash_tile(&tree, 1, 0, width).unwrap()).unwrap();
            prop_assert_eq!(hashes.len(), usize::from(width));
            prop_assert_eq!(hashes[0], tree.root_at(256).unwrap());
        }
        let last = (size - 1) / 256;
        let width = tile_width_at(size, 0, last).unwrap();
        prop_assert_eq!(u64::from(width), size - last * 256);
    }
}
