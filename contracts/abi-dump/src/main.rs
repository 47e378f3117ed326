//! `abi-dump <lib.so> <name> <version>`: the contract's ABI (near-abi's `AbiRoot`) as JSON on
//! stdout. A contract crate built natively with near-sdk's `__abi-generate` feature exports one
//! `__near_abi_<first method>` function per `#[near]` impl block, returning that block's entries
//! as JSON; this loads the library, calls each and merges them, which is what cargo-near's ABI
//! step does too.

use near_abi::__private::ChunkedAbiEntry;
use near_abi::{AbiMetadata, AbiRoot};
use std::error::Error;

const ENTRY_PREFIX: &str = "__near_abi_";

/// The names of the ABI entry functions the library exports.
fn entry_names(library_bytes: &[u8]) -> Result<Vec<String>, Box<dyn Error>> {
    use object::read::Object;
    let file = object::File::parse(library_bytes)?;
    let mut names: Vec<String> = file
        .exports()?
        .iter()
        .filter_map(|export| std::str::from_utf8(export.name()).ok())
        .filter(|name| name.starts_with(ENTRY_PREFIX))
        .map(str::to_owned)
        .collect();
    names.sort();
    Ok(names)
}

fn chunk(library: &libloading::Library, name: &str) -> Result<ChunkedAbiEntry, Box<dyn Error>> {
    // SAFETY: near-sdk generates each entry as `extern "C" fn() -> (*const u8, usize)`, pointing
    // at JSON it leaks for the caller (ManuallyDrop); it is read once, here.
    let json = unsafe {
        let entry: libloading::Symbol<extern "C" fn() -> (*const u8, usize)> =
            library.get(name.as_bytes())?;
        let (pointer, length) = entry();
        std::slice::from_raw_parts(pointer, length)
    };
    Ok(serde_json::from_slice(json)
        .map_err(|error| format!("{name} returned JSON near-abi cannot read: {error}"))?)
}

fn main() -> Result<(), Box<dyn Error>> {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let [library_path, name, version] = arguments.as_slice() else {
        return Err("usage: abi-dump <lib.so> <contract name> <contract version>".into());
    };
    let names = entry_names(&std::fs::read(library_path)?)?;
    if names.is_empty() {
        return Err(format!("{library_path} exports no {ENTRY_PREFIX}* function: was it built with near-sdk's __abi-generate feature?").into());
    }
    // SAFETY: the library is this workspace's own contract crate, built natively for this purpose.
    let library = unsafe { libloading::Library::new(library_path)? };
    let chunks = names
        .iter()
        .map(|name| chunk(&library, name))
        .collect::<Result<Vec<_>, _>>()?;
    let combined = ChunkedAbiEntry::combine(chunks)?;
    let metadata = AbiMetadata {
        name: Some(name.clone()),
        version: Some(version.clone()),
        ..Default::default()
    };
    let root = AbiRoot {
        schema_version: combined.schema_version,
        metadata,
        body: combined.body,
    };
    println!("{}", serde_json::to_string_pretty(&root)?);
    Ok(())
}
