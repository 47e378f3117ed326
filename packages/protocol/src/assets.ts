import { BaseError, ErrorCode } from './errors'
import { formatUnits } from './units'

/**
 * The assets the protocol knows, with the number of decimals of each one's smallest unit. Every
 * message a wallet signs writes amounts from this table ("12.5 USDC"), so a person reads the
 * amount the contract will count; the contract lists only markets whose decimals agree with it
 * (a market with other decimals would make every signed amount a lie).
 */
const decimalsByAsset: ReadonlyMap<string, number> = new Map([
  ['USDC', 6],
  ['USDT', 6],
  ['ETH', 18],
  ['SOL', 9],
  ['NEAR', 24],
  ['XLM', 7],
])

/** The symbols the protocol knows, in the table's order. */
export const knownAssets: readonly string[] = [...decimalsByAsset.keys()]

/** The asset's decimals. Throws UNKNOWN_ASSET for a symbol not in the table. */
export function assetDecimals(asset: string): number {
  const decimals = decimalsByAsset.get(asset)
  if (decimals === undefined) {
    throw new BaseError({
      code: ErrorCode.UnknownAsset,
      shortMessage: `The asset ${JSON.stringify(asset)} is not one the protocol knows, so no amount of it can be shown or signed.`,
      details: `Known assets: ${knownAssets.join(', ')}.`,
    })
  }
  return decimals
}

/** An amount in the asset's smallest unit (an integer string) as people read it: "12.5 USDC". */
export function formatAssetAmount(asset: string, smallestUnits: string): string {
  return `${formatUnits(BigInt(smallestUnits), assetDecimals(asset))} ${asset}`
}
