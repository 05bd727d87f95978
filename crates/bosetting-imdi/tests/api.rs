//! The public names: the ones renamed in 0.2.0 still work under their old names, and the
//! errors keep what caused them as their `source()`.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use bosetting_imdi::{AnyExport, ImportError};

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("bosetting-imdi-api-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
#[allow(deprecated)]
fn old_names_read_as_the_new() {
    let path = temp_file("long.csv", bosetting_imdi::bundled());
    let new = bosetting_imdi::load(&path).unwrap();
    let old: bosetting_imdi::Read = bosetting_imdi::read_file(&path).unwrap();
    assert_eq!(old, new);
    let bosetting_imdi::Read::Long(export) = old else {
        panic!("the bundled export is long")
    };
    assert!(export.rows > 0);
    let missing = path.with_file_name("missing.csv");
    assert_eq!(
        bosetting_imdi::read_file(&missing).unwrap_err(),
        bosetting_imdi::load(&missing).unwrap_err()
    );
}

#[test]
fn load_reads_what_read_reads() {
    let path = temp_file("wide.csv", bosetting_imdi::bundled_wide());
    let AnyExport::Wide(w) = bosetting_imdi::load(&path).unwrap() else {
        panic!("the bundled wide export is wide")
    };
    let read = bosetting_imdi::read(bosetting_imdi::bundled_wide(), &path.display().to_string())
        .unwrap()
        .into_wide()
        .unwrap();
    assert_eq!(w, read);
}

#[test]
fn a_file_that_cannot_be_read_keeps_the_io_error_as_its_source() {
    use std::error::Error as _;
    let missing = std::env::temp_dir().join("bosetting-imdi-no-such-dir/none.csv");
    let e = bosetting_imdi::load(&missing).unwrap_err();
    let io = e.source().and_then(|s| s.downcast_ref::<std::io::Error>());
    assert_eq!(
        io.map(std::io::Error::kind),
        Some(std::io::ErrorKind::NotFound)
    );
    assert_eq!(
        e.to_string(),
        format!("cannot read {}: {}", missing.display(), io.unwrap())
    );
    assert!(matches!(&e, ImportError::Io { file, .. } if *file == missing.display().to_string()));
    assert_eq!(e.clone(), e);
    // A row error is the reader's own: no source beneath it.
    let row = bosetting_imdi::read_long(b"Enhet;Ar\n", "t.csv").unwrap_err();
    assert!(row.source().is_none(), "{row}");
    fn is_error<E: std::error::Error + Send + Sync + Clone + PartialEq + 'static>() {}
    is_error::<ImportError>();
}

#[test]
fn numbering_is_an_ordered_hashed_key() {
    fn key<T: Copy + Ord + std::hash::Hash>() {}
    key::<bosetting_imdi::Numbering>();
}
