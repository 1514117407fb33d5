//! An instance at the console: init, import, status, and what it refuses.

use std::process::Command;

fn accord(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .output()
        .expect("accord runs")
}

#[test]
fn a_raw_append_to_an_instance_of_events_is_refused_and_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    assert!(accord(&["init", "--data", data]).status.success());
    let entry = dir.path().join("entry");
    std::fs::write(&entry, b"not an event").unwrap();
    let refused = accord(&["log", "append", "--data", data, entry.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("records accord's events"));
    // The instance still starts and reads as before.
    let status = accord(&[
        "status",
        "--data",
        data,
        "--as-of",
        "2026-04-01",
        "--format",
        "json",
    ]);
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(
        json["working_groups"][1]["project_list"]["due"],
        "2026-05-10"
    );
    assert_eq!(
        json["working_groups"][1]["project_list"]["state"],
        "pending"
    );
}

#[test]
fn status_refuses_a_malformed_date_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    assert!(accord(&["init", "--data", data]).status.success());
    let out = accord(&["status", "--data", data, "--as-of", "2026-13-01"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--as-of"));
}

#[test]
fn init_refuses_a_folder_that_already_holds_an_instance() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    assert!(accord(&["init", "--data", data]).status.success());
    let again = accord(&["init", "--data", data]);
    assert!(!again.status.success());
    assert!(!String::from_utf8_lossy(&again.stderr).contains("panicked"));
}

#[test]
fn a_measurements_file_with_bad_rows_is_refused_naming_each_and_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    assert!(accord(&["init", "--data", data]).status.success());
    let size = || {
        let out = accord(&["log", "verify", "--data", data]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let before = size();
    let file = dir.path().join("measurements.csv");
    std::fs::write(
        &file,
        "indicator,date,value,source\n\
         no-such-indicator,2026-04-10,40,site report\n\
         no-such-indicator,10/04/2026,@SUM(A1),site report\n",
    )
    .unwrap();
    let refused = accord(&[
        "import",
        "measurements",
        "--data",
        data,
        file.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    for expected in [
        "measurements.csv",
        "line 2, column indicator",
        "line 3, column value",
        "nothing imported",
    ] {
        assert!(stderr.contains(expected), "{expected}: {stderr}");
    }
    assert_eq!(size(), before, "nothing recorded");

    std::fs::write(&file, [0xff, 0xfe, b'a']).unwrap();
    let refused = accord(&[
        "import",
        "measurements",
        "--data",
        data,
        file.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not UTF-8 text (byte 0)"));
}
