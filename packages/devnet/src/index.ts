export { Devnet, type BlockHeader, type DevOp, type DevnetOptions } from './chain'
export { DevSigner, bridgeDeposit, oracleSetPrice, returnedValue, type BridgeDepositParameters } from './dev-calls'
export { LendingIndex } from './lending-index'
export { startDevnet, type RunningDevnet, type StartDevnetParameters } from './start'
export { createRpcServer, type RpcServerOptions } from './rpc-server'
export { defaultDevRpcOrigins, devRpcOriginsFromEnv } from './dev-origins'
export { maxTransactionSize } from './transaction-bytes'
export { depositAddress, depositAddresses } from './external-chains'
export {
  devnetChainId,
  devnetContractConfig,
  devnetContractId,
  devnetOwnerAccountId,
  devnetOwnerKey,
  devnetRelayerAccountId,
  devnetRelayerKeyCount,
  devnetRelayerKeys,
  type DevnetContractOptions,
  type DevnetKey,
} from './genesis'
export { CorruptLogError, WriteAheadLog, crc32 } from './wal'
