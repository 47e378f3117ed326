use crate::support::{call_by_alice, start};
use host_probe::HostProbe;
use near_sdk::serde_json::{self, json};

#[test]
fn behavior_echo_returns_its_json_unchanged() {
    start(&call_by_alice());
    let value = json!({ "nested": [1, "two", { "three": null }], "big": "340282366920938463463374607431768211455", "text": "ü𝄞" });
    let text = serde_json::to_string(&value).unwrap();
    assert_eq!(
        serde_json::to_string(&HostProbe::echo(value)).unwrap(),
        text
    );
}
