//! clientDataJSON as `JSON.parse` reads it: any member order, members browsers add are ignored,
//! and a duplicated member counts with its last value (JSON.parse's rule), so both
//! implementations read the same type, challenge and origin from the same bytes. Only the
//! members the checks use are kept; nested values are skipped without being stored.

use crate::error::{ProofResult, code, refuse};
use near_sdk::serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::fmt;

pub(crate) struct ClientData {
    pub r#type: String,
    pub challenge: String,
    pub origin: String,
    pub cross_origin: bool,
    pub top_origin: Option<String>,
}

/// A member's value as far as the checks care: a string, a boolean, or something else.
enum Member {
    Text(String),
    Flag(bool),
    Other,
}

impl<'de> Deserialize<'de> for Member {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MemberVisitor;
        impl<'de> Visitor<'de> for MemberVisitor {
            type Value = Member;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Member, E> {
                Ok(Member::Text(value.to_owned()))
            }
            fn visit_string<E: de::Error>(self, value: String) -> Result<Member, E> {
                Ok(Member::Text(value))
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<Member, E> {
                Ok(Member::Flag(value))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Member, E> {
                Ok(Member::Other)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Member, E> {
                Ok(Member::Other)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Member, E> {
                Ok(Member::Other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Member, E> {
                Ok(Member::Other)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Member, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Member::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Member, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Member::Other)
            }
        }
        deserializer.deserialize_any(MemberVisitor)
    }
}

/// The top-level object, each member of interest as last seen.
#[derive(Default)]
struct Members {
    r#type: Option<Member>,
    challenge: Option<Member>,
    origin: Option<Member>,
    cross_origin: Option<Member>,
    top_origin: Option<Member>,
}

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;
        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = Members;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                let mut members = Members::default();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    let slot = match key.as_ref() {
                        "type" => &mut members.r#type,
                        "challenge" => &mut members.challenge,
                        "origin" => &mut members.origin,
                        "crossOrigin" => &mut members.cross_origin,
                        "topOrigin" => &mut members.top_origin,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            continue;
                        }
                    };
                    *slot = Some(map.next_value::<Member>()?);
                }
                Ok(members)
            }
        }
        deserializer.deserialize_map(ObjectVisitor)
    }
}

fn text(member: Option<Member>, name: &str) -> ProofResult<String> {
    match member {
        Some(Member::Text(value)) => Ok(value),
        _ => refuse(
            code::INVALID_CLIENT_DATA,
            format!("clientDataJSON has no string \"{name}\"."),
        ),
    }
}

/// Parses clientDataJSON and type-checks the members used, with TypeScript's order of refusals.
pub(crate) fn parse_client_data(json: &str) -> ProofResult<ClientData> {
    let members: Members = near_sdk::serde_json::from_slice(json.as_bytes()).map_err(|_| {
        crate::error::ProofError::new(
            code::INVALID_CLIENT_DATA,
            "clientDataJSON is not a JSON object.",
        )
    })?;
    let r#type = text(members.r#type, "type")?;
    let challenge = text(members.challenge, "challenge")?;
    let origin = text(members.origin, "origin")?;
    // Older browsers omit crossOrigin; absent means a same-origin ceremony.
    let cross_origin = match members.cross_origin {
        None => false,
        Some(Member::Flag(value)) => value,
        Some(_) => {
            return refuse(
                code::INVALID_CLIENT_DATA,
                "clientDataJSON has a \"crossOrigin\" that is not a boolean.",
            );
        }
    };
    let top_origin = match members.top_origin {
        None => None,
        Some(Member::Text(value)) => Some(value),
        Some(_) => {
            return refuse(
                code::INVALID_CLIENT_DATA,
                "clientDataJSON has a \"topOrigin\" that is not a string.",
            );
        }
    };
    Ok(ClientData {
        r#type,
        challenge,
        origin,
        cross_origin,
        top_origin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behavior_a_duplicated_member_counts_with_its_last_value_as_json_parse_does() {
        let data = parse_client_data(r#"{"type":"webauthn.create","type":"webauthn.get","challenge":"x","origin":"o","extra":{"a":[1,{"b":null}]}}"#).unwrap();
        assert_eq!(data.r#type, "webauthn.get");
        assert!(!data.cross_origin);
        assert!(data.top_origin.is_none());
    }

    #[test]
    fn behavior_escapes_are_decoded_before_comparison() {
        let data = parse_client_data(
            r#"{"type":"webauthn\u002eget","challenge":"x","origin":"o","crossOrigin":true}"#,
        )
        .unwrap();
        assert_eq!(data.r#type, "webauthn.get");
        assert!(data.cross_origin);
    }

    #[test]
    fn error_members_of_the_wrong_type_or_not_an_object() {
        for json in [
            r#"["type"]"#,
            r#"{"type":1,"challenge":"x","origin":"o"}"#,
            r#"{"type":"t","challenge":"x","origin":"o","crossOrigin":"true"}"#,
            r#"{"type":"t","challenge":"x","origin":"o","topOrigin":null}"#,
            r#"{"type":"t","challenge":"x","origin":"o"} x"#,
        ] {
            assert_eq!(
                parse_client_data(json).err().map(|e| e.code),
                Some(code::INVALID_CLIENT_DATA),
                "{json}"
            );
        }
    }
}
