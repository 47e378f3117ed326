//! Known answers published with each algorithm (FIPS 180 for SHA-256, the Keccak team's for
//! Keccak, the RIPEMD-160 authors'), checked through the host.

use crate::support::{call_by_alice, hex_of, start};
use host_probe::HostProbe;

type HashMethod = fn(String) -> String;

const KNOWN_ANSWERS: [(&str, HashMethod, &str, &str); 7] = [
    (
        "sha256",
        HostProbe::hash_sha256,
        "abc",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    ),
    (
        "sha256",
        HostProbe::hash_sha256,
        "",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    ),
    // Ethereum's Keccak, not SHA3-256 (whose empty hash is a7ffc6f8…).
    (
        "keccak256",
        HostProbe::hash_keccak256,
        "",
        "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    ),
    (
        "keccak256",
        HostProbe::hash_keccak256,
        "abc",
        "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
    ),
    (
        "keccak512",
        HostProbe::hash_keccak512,
        "",
        "0eab42de4c3ceb9235fc91acffe746b29c29a8c366b7c60e4e67c466f36a4304c00fa9caf9d87976ba469bcbe06713b435f091ef2769fb160cdab33d3670680e",
    ),
    (
        "ripemd160",
        HostProbe::hash_ripemd160,
        "abc",
        "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc",
    ),
    (
        "ripemd160",
        HostProbe::hash_ripemd160,
        "",
        "9c1185a5c5e9fc54612808977ee8f548b2258d31",
    ),
];

#[test]
fn behavior_each_hash_method_gives_its_published_known_answers() {
    start(&call_by_alice());
    for (algorithm, hash, input, expected) in KNOWN_ANSWERS {
        assert_eq!(hash(hex_of(input)), expected, "{algorithm}({input:?})");
    }
}

#[test]
fn behavior_hex_input_accepts_either_case() {
    start(&call_by_alice());
    assert_eq!(
        HostProbe::hash_sha256("ABCDEF".into()),
        HostProbe::hash_sha256("abcdef".into())
    );
}

#[test]
#[should_panic(expected = "data: not hex (Invalid character 'x' at position 1)")]
fn error_data_that_is_not_hex_is_refused_with_the_argument_named() {
    start(&call_by_alice());
    HostProbe::hash_sha256("0xab".into());
}
