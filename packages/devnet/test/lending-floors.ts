/**
 * The gas floor of each step of the signed sequence (contracts/lending/tests/signed-requests.ts):
 * what its signature host functions alone cost at protocol 88, in Tgas. p256_verify with a
 * 32-byte digest is 1.3 Tgas; ecrecover 0.28. A step's gas above its floor is the contract's own.
 */
export const P256_FLOOR_TGAS = 1.3
export const ECRECOVER_FLOOR_TGAS = 0.28

export const stepFloorsTgas: Record<string, number> = {
  create_account: P256_FLOOR_TGAS,
  'bind EVM wallet': P256_FLOOR_TGAS + ECRECOVER_FLOOR_TGAS,
  'Borrow elsewhere, co-signed': P256_FLOOR_TGAS + ECRECOVER_FLOOR_TGAS,
  'recover with the wallet': ECRECOVER_FLOOR_TGAS,
  'remove the added passkey with the wallet': ECRECOVER_FLOOR_TGAS,
  'deposit ETH': 0,
  'deposit USDC': 0,
}

/** A step's floor: a passkey-signed request's unless listed. */
export const floorOf = (step: string): number => stepFloorsTgas[step] ?? P256_FLOOR_TGAS
