/**
 * Hashes and signature checks (nearcore's "Math API"): `sha256`, `keccak256`, `keccak512`,
 * `ripemd160`, `ecrecover`, `ed25519_verify`, `p256_verify`, with nearcore's charges and its
 * errors for malformed input (a wrong length aborts the call; a well-formed but invalid signature
 * returns 0).
 */
import { createHash } from 'node:crypto'
import { keccak_256, keccak_512 } from '@noble/hashes/sha3.js'
import type { CallState } from '../call-state'
import { verifyEd25519 } from '../../ed25519-verify'
import { hostError } from '../errors'
import { p256SignatureInRange, recoverSecp256k1, secp256k1SignatureInRange, verifyP256 } from '../signatures'
import { memoryOrRegister } from './guest-data'

/** Messages hashed in one call that `p256_verify` may meet again (WebAuthn's are under 1 KiB). */
const preimageLimit = { count: 16, bytes: 64 * 1024 }

export function sha256(call: CallState, valueLen: bigint, valuePtr: bigint, registerId: bigint): void {
  call.gas.payBase('sha256_base')
  const value = memoryOrRegister(call, valuePtr, valueLen)
  call.gas.payPer('sha256_byte', value.length)
  const digest = createHash('sha256').update(value).digest()
  if (value.length <= preimageLimit.bytes && call.sha256Preimages.size < preimageLimit.count) {
    call.sha256Preimages.set(digest.toString('hex'), value.slice())
  }
  call.registers.set(call.gas, registerId, new Uint8Array(digest))
}

export function keccak256(call: CallState, valueLen: bigint, valuePtr: bigint, registerId: bigint): void {
  call.gas.payBase('keccak256_base')
  const value = memoryOrRegister(call, valuePtr, valueLen)
  call.gas.payPer('keccak256_byte', value.length)
  call.registers.set(call.gas, registerId, keccak_256(value))
}

/** SHA3-256/384/512 (FIPS 202), from protocol 88: OpenSSL's, with the costs of their keccak relatives. */
function sha3(bits: 256 | 384 | 512) {
  const base = `sha3_${bits}_base` as const
  const byte = `sha3_${bits}_byte` as const
  return (call: CallState, valueLen: bigint, valuePtr: bigint, registerId: bigint): void => {
    call.gas.payBase(base)
    const value = memoryOrRegister(call, valuePtr, valueLen)
    call.gas.payPer(byte, value.length)
    call.registers.set(call.gas, registerId, new Uint8Array(createHash(`sha3-${bits}`).update(value).digest()))
  }
}
export const sha3_256 = sha3(256)
export const sha3_384 = sha3(384)
export const sha3_512 = sha3(512)

export function keccak512(call: CallState, valueLen: bigint, valuePtr: bigint, registerId: bigint): void {
  call.gas.payBase('keccak512_base')
  const value = memoryOrRegister(call, valuePtr, valueLen)
  call.gas.payPer('keccak512_byte', value.length)
  call.registers.set(call.gas, registerId, keccak_512(value))
}

export function ripemd160(call: CallState, valueLen: bigint, valuePtr: bigint, registerId: bigint): void {
  call.gas.payBase('ripemd160_base')
  const value = memoryOrRegister(call, valuePtr, valueLen)
  // Charged per 64-byte block of the padded message.
  call.gas.payPer('ripemd160_block', Math.floor((value.length + 8) / 64) + 1)
  call.registers.set(call.gas, registerId, new Uint8Array(createHash('ripemd160').update(value).digest()))
}

export function ecrecover(
  call: CallState,
  hashLen: bigint,
  hashPtr: bigint,
  sigLen: bigint,
  sigPtr: bigint,
  v: bigint,
  malleabilityFlag: bigint,
  registerId: bigint,
): bigint {
  call.gas.payBase('ecrecover_base')
  const signature = memoryOrRegister(call, sigPtr, sigLen)
  if (signature.length !== 64) {
    throw hostError({ type: 'ECRecoverError', msg: `The length of the signature: ${signature.length}, exceeds the limit of 64 bytes` })
  }
  if (v >= 4n) throw hostError({ type: 'ECRecoverError', msg: `V recovery byte 0 through 3 are valid but was provided ${v}` })
  const hash = memoryOrRegister(call, hashPtr, hashLen)
  if (hash.length !== 32) throw hostError({ type: 'ECRecoverError', msg: `The length of the hash: ${hash.length}, exceeds the limit of 32 bytes` })
  if (malleabilityFlag !== 0n && malleabilityFlag !== 1n) {
    throw hostError({ type: 'ECRecoverError', msg: `Malleability flag needs to be 0 or 1, but is instead ${malleabilityFlag}` })
  }
  if (!secp256k1SignatureInRange(signature, malleabilityFlag === 1n)) return 0n
  const publicKey = recoverSecp256k1(hash, signature, Number(v))
  if (!publicKey) return 0n
  call.registers.set(call.gas, registerId, publicKey)
  return 1n
}

export function ed25519_verify(call: CallState, sigLen: bigint, sigPtr: bigint, msgLen: bigint, msgPtr: bigint, pkLen: bigint, pkPtr: bigint): bigint {
  call.gas.payBase('ed25519_verify_base')
  const signature = memoryOrRegister(call, sigPtr, sigLen)
  if (signature.length !== 64) throw hostError({ type: 'Ed25519VerifyInvalidInput', msg: 'invalid signature length' })
  // nearcore keeps a check ed25519-dalek 1 made: the top three bits of the last byte are clear.
  if ((signature[63]! & 0b1110_0000) !== 0) return 0n
  const message = memoryOrRegister(call, msgPtr, msgLen)
  call.gas.payPer('ed25519_verify_byte', message.length)
  const publicKey = memoryOrRegister(call, pkPtr, pkLen)
  if (publicKey.length !== 32) throw hostError({ type: 'Ed25519VerifyInvalidInput', msg: 'invalid public key length' })
  return verifyEd25519(signature, message, publicKey) ? 1n : 0n
}

export function p256_verify(call: CallState, sigLen: bigint, sigPtr: bigint, msgLen: bigint, msgPtr: bigint, pkLen: bigint, pkPtr: bigint): bigint {
  call.gas.payBase('p256_verify_base')
  const signature = memoryOrRegister(call, sigPtr, sigLen)
  if (signature.length !== 64) throw hostError({ type: 'P256VerifyInvalidInput', msg: 'invalid signature length' })
  // An unparsable signature answers 0 before the message is read or charged, as in nearcore.
  if (!p256SignatureInRange(signature)) return 0n
  const message = memoryOrRegister(call, msgPtr, msgLen)
  call.gas.payPer('p256_verify_byte', message.length)
  const publicKey = memoryOrRegister(call, pkPtr, pkLen)
  if (publicKey.length !== 33) throw hostError({ type: 'P256VerifyInvalidInput', msg: 'invalid public key length' })
  const preimage = message.length === 32 ? call.sha256Preimages.get(Buffer.from(message).toString('hex')) : undefined
  return verifyP256(signature, message, publicKey, preimage) ? 1n : 0n
}
