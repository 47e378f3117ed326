import { ErrorCode } from '@crosschain-lending/protocol'
import type { Provider, PublicKey } from 'near-api-js'
import { AccessKeyDoesNotExistError } from 'near-api-js/rpc-errors'
import { RelayerError } from '../errors'
import type { FetchAccessKeyNonce } from './key-pool'
import { type RetryPolicy, chainFailed, chainUnavailable, isTransientRpcError, withRetries } from './retry'

/** Reads a relayer key's nonce with `view_access_key`, mapping failures to what callers report. */
export function accessKeyNonceReader(provider: Provider, accountId: string, retry: RetryPolicy): FetchAccessKeyNonce {
  return async (publicKey: PublicKey) => {
    try {
      const accessKey = await withRetries('the relayer key', retry, () => provider.viewAccessKey({ accountId, publicKey, finalityQuery: { finality: 'optimistic' } }))
      return BigInt(accessKey.nonce)
    } catch (error) {
      if (error instanceof AccessKeyDoesNotExistError) {
        // Only the public key is named: it is public, and it is what the operator must look for.
        throw new RelayerError({
          code: ErrorCode.InvalidConfiguration,
          shortMessage: 'The relayer is misconfigured: one of its keys is not an access key of its account.',
          details: `${publicKey.toString()} is not a key of ${accountId}.`,
          httpStatus: 500,
          cause: error,
        })
      }
      if (isTransientRpcError(error)) throw chainUnavailable('the relayer key', error)
      throw chainFailed('the relayer key', error)
    }
  }
}
