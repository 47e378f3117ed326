// The account id's derivation is the protocol's, shared with the wallet, the relayer and the Rust contract.
export { accountIdFor } from '@crosschain-lending/protocol'
