export { Devnet, type BlockHeader, type DevOp, type DevnetOptions } from './chain'
export { startDevnet, type RunningDevnet, type StartDevnetParameters } from './start'
export { createRpcServer } from './rpc-server'
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
export { WriteAheadLog, crc32 } from './wal'
