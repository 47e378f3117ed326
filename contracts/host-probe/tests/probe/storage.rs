use crate::support::{call_by_alice, start};
use host_probe::HostProbe;

#[test]
fn behavior_write_read_has_remove_report_what_the_key_held() {
    start(&call_by_alice());
    assert!(!HostProbe::has_value("colour".into()));
    assert_eq!(HostProbe::read_value("colour".into()), None);

    assert!(
        !HostProbe::write_value("colour".into(), "blue".into()),
        "a first write evicts nothing"
    );
    assert!(
        HostProbe::write_value("colour".into(), "green".into()),
        "a second write evicts the first"
    );
    assert!(HostProbe::has_value("colour".into()));
    assert_eq!(
        HostProbe::read_value("colour".into()).as_deref(),
        Some("green")
    );

    assert!(HostProbe::remove_value("colour".into()));
    assert!(
        !HostProbe::remove_value("colour".into()),
        "nothing is left to remove"
    );
    assert!(!HostProbe::has_value("colour".into()));
}

#[test]
fn behavior_a_record_adds_key_plus_value_plus_40_bytes_of_storage_usage() {
    start(&call_by_alice());
    let before = HostProbe::read_view_context().storage_usage;
    HostProbe::write_value("k".repeat(10), "v".repeat(25));
    assert_eq!(
        HostProbe::read_view_context().storage_usage,
        before + 10 + 25 + 40
    );
    HostProbe::write_value("k".repeat(10), "v".repeat(5));
    assert_eq!(
        HostProbe::read_view_context().storage_usage,
        before + 10 + 5 + 40,
        "an overwrite counts only the new value"
    );
    HostProbe::remove_value("k".repeat(10));
    assert_eq!(HostProbe::read_view_context().storage_usage, before);
}

#[test]
fn behavior_reads_and_key_checks_work_in_a_view() {
    start(&call_by_alice());
    HostProbe::write_value("colour".into(), "blue".into());
    start(call_by_alice().is_view(true));
    assert_eq!(
        HostProbe::read_value("colour".into()).as_deref(),
        Some("blue")
    );
    assert!(HostProbe::has_value("colour".into()));
}

#[test]
#[should_panic(expected = "ProhibitedInView { method_name: \"storage_write\" }")]
fn error_a_write_in_a_view_is_prohibited_in_view() {
    start(call_by_alice().is_view(true));
    HostProbe::write_value("colour".into(), "blue".into());
}

#[test]
#[should_panic(expected = "ProhibitedInView { method_name: \"storage_remove\" }")]
fn error_a_remove_in_a_view_is_prohibited_in_view() {
    start(call_by_alice().is_view(true));
    HostProbe::remove_value("colour".into());
}
