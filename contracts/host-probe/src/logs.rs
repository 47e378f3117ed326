//! Logs: plain UTF-8, UTF-16 (the host function near-sdk does not wrap), and a NEP-297 event.

use crate::{HostProbe, HostProbeExt};
use near_sdk::{env, near};

/// Logged as `EVENT_JSON:{"standard":"host_probe","version":"1.0.0","event":"probed","data":{"note":…}}`.
#[near(event_json(standard = "host_probe"))]
pub enum ProbeEvent {
    #[event_version("1.0.0")]
    Probed { note: String },
}

#[near]
impl HostProbe {
    /// `log_utf8` with the message as given.
    pub fn log_text(message: String) {
        env::log_str(&message);
    }

    /// `log_utf16` with the message as UTF-16 code units, little-endian, length in bytes.
    pub fn log_text_utf16(message: String) {
        let bytes: Vec<u8> = message.encode_utf16().flat_map(u16::to_le_bytes).collect();
        // SAFETY: the pointer and length describe `bytes`, which outlives the call.
        unsafe { near_sdk::sys::log_utf16(bytes.len() as u64, bytes.as_ptr() as u64) }
    }

    /// A NEP-297 event carrying `note`.
    pub fn emit_event(note: String) {
        ProbeEvent::Probed { note }.emit();
    }
}
