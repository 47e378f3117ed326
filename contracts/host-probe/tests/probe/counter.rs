use crate::support::{call_by_alice, start};
use host_probe::HostProbe;

#[test]
fn behavior_increment_counts_from_the_default_state() {
    start(&call_by_alice());
    let mut probe = HostProbe::default();
    assert_eq!(probe.get_counter(), 0);
    assert_eq!(probe.increment(), 1);
    assert_eq!(probe.increment(), 2);
    assert_eq!(probe.get_counter(), 2);
}
