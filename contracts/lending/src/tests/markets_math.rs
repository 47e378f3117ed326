//! The markets' arithmetic replayed against the TypeScript's (see tests/fixtures.ts).
