use crate::support::{call_by_alice, start};
use host_probe::HostProbe;

#[test]
#[should_panic(expected = "GuestPanic { panic_msg: \"refused: ✗ on purpose\" }")]
fn error_fail_with_message_is_a_guest_panic_with_that_message() {
    start(&call_by_alice());
    HostProbe::fail_with_message("refused: ✗ on purpose".into());
}

#[test]
#[should_panic(expected = "host-probe: a Rust panic on purpose")]
fn error_fail_with_rust_panic_panics_with_its_text() {
    start(&call_by_alice());
    HostProbe::fail_with_rust_panic();
}

#[test]
#[should_panic(
    expected = "GuestPanic { panic_msg: \"host-probe: wrote \\\"colour\\\", then failed; the write must not persist\" }"
)]
fn error_write_then_fail_panics_after_its_write() {
    start(&call_by_alice());
    HostProbe::write_then_fail("colour".into(), "blue".into());
}
