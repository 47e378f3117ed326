use crate::support::{call_by_alice, start};
use host_probe::HostProbe;
use near_sdk::test_utils::get_logs;

#[test]
fn behavior_log_text_logs_the_message_as_given() {
    start(&call_by_alice());
    HostProbe::log_text("plain ✓ text".into());
    assert_eq!(get_logs(), ["plain ✓ text"]);
}

#[test]
fn behavior_log_text_utf16_is_decoded_by_the_host_to_the_same_text() {
    start(&call_by_alice());
    // Outside the basic plane too: a surrogate pair must come back as one character.
    HostProbe::log_text_utf16("héllo 𝄞".into());
    assert_eq!(get_logs(), ["héllo 𝄞"]);
}

#[test]
fn behavior_emit_event_logs_one_nep297_line() {
    start(&call_by_alice());
    HostProbe::emit_event("first".into());
    assert_eq!(
        get_logs(),
        [
            r#"EVENT_JSON:{"standard":"host_probe","version":"1.0.0","event":"probed","data":{"note":"first"}}"#
        ]
    );
}
